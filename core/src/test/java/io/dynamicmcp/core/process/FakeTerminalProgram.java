package io.dynamicmcp.core.process;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A tiny interactive program started through the real process code: prompt, then one command a line. SIGINT ends it
 * (the JVM's default), unless started with {@code --interrupt-takes MILLIS}: then an interrupt stops the running
 * command after that long and the prompt comes back, like crash after Ctrl-C.
 */
public final class FakeTerminalProgram {

    private FakeTerminalProgram() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--interrupt-takes")) {
            long millis = Long.parseLong(args[1]);
            Thread main = Thread.currentThread();
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                main.interrupt();
            });
        }
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
                case "hang" -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        System.out.println("interrupted");
                    }
                }
                case "exit" -> System.exit(Integer.parseInt(words[1]));
                default -> System.out.println("unknown: " + words[0]);
            }
            System.out.print("ready> ");
            System.out.flush();
        }
    }

    /** The command line that starts this program with the current JVM and class path. */
    public static List<String> commandLine(String... args) {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), FakeTerminalProgram.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
