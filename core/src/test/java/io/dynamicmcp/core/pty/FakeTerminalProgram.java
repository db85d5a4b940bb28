package io.dynamicmcp.core.pty;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A tiny interactive program started through the real pty code: prompt, then one command a line. */
public final class FakeTerminalProgram {

    private FakeTerminalProgram() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.print("ready> ");
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ", 2);
            switch (words[0]) {
                case "echo" -> System.out.println(words.length > 1 ? words[1] : "");
                case "flood" -> {
                    int n = Integer.parseInt(words[1]);
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        out.append("line ").append(i).append('\n');
                    }
                    System.out.print(out);
                }
                case "spawn" -> {
                    Process child = new ProcessBuilder("sleep", "1000").start();
                    System.out.println("child " + child.pid());
                }
                case "hang" -> Thread.sleep(Long.MAX_VALUE);
                case "exit" -> System.exit(Integer.parseInt(words[1]));
                default -> System.out.println("unknown: " + words[0]);
            }
            System.out.print("ready> ");
            System.out.flush();
        }
    }

    /** The command line that starts this program with the current JVM and class path. */
    public static List<String> commandLine() {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        return List.of(javaBinary, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), FakeTerminalProgram.class.getName());
    }
}
