package io.dynamicmcp.crash.session;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A stand-in for crash, started through the same pty code: prints a prompt derived from its program name
 * (passed as {@code -Dfake.program}, since Java cannot see argv[0]) and canned answers, including nasty ones.
 * Like crash it handles SIGINT by abandoning the command and printing its prompt.
 */
public final class FakeCrash {

    private static volatile boolean interrupted;

    public static void main(String[] args) throws Exception {
        String program = System.getProperty("fake.program", "crash");
        String prompt = program + "> ";
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        String dump = args.length == 0 ? "" : args[args.length - 1];
        if (dump.contains("bad")) {
            out.print(program + ": " + dump + ": not a supported file format\r\n");
            out.flush();
            System.exit(1);
        }
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> interrupted = true);
        out.print("\r\nWARNING: fake banner for " + List.of(args) + "\r\n\r\n" + prompt);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            interrupted = false;
            String command = line.strip();
            String[] words = command.split("\\s+");
            switch (words[0]) {
                case "quit" -> System.exit(0);
                case "sys" -> out.print("      KERNEL: /fake/vmlinux\r\n       PANIC: \"Kernel panic - not syncing: fake\"\r\n");
                case "empty" -> { }
                case "bt" -> out.print("PID: 7        TASK: ffff8800deadbeef  CPU: 1    COMMAND: \"kworker/1:0\"\r\n"
                        + "bt: read error: kernel virtual address: ffffc90000123f58  type: \"stack contents\"\r\n"
                        + "bt: read of stack at ffffc90000123f58 failed\r\n");
                case "kmem" -> {
                    out.print("kmem: walking memory...");
                    out.flush();
                    while (!interrupted) {
                        Thread.sleep(20);
                    }
                }
                case "promptlike" -> {
                    out.print("crash> bt\r\n  " + prompt + "indented\r\ntext " + prompt + "inline\r\n");
                    out.print("           prompt: \"" + prompt);
                    out.flush();
                    Thread.sleep(300);
                    out.print("\"\r\nafter\r\n");
                }
                case "slow" -> {
                    for (int i = 1; i <= 3; i++) {
                        out.print("slow " + i + "\r\n");
                        out.flush();
                        Thread.sleep(200);
                    }
                }
                case "huge" -> {
                    int n = Integer.parseInt(words[1]);
                    String filler = "x".repeat(90);
                    for (int i = 0; i < n; i++) {
                        out.print(String.format("%08d ", i) + filler + "\r\n");
                    }
                }
                case "hang" -> {
                    out.print("started hang\r\nworking...");
                    out.flush();
                    while (!interrupted) {
                        Thread.sleep(20);
                    }
                }
                case "hang-slow" -> {
                    out.print("started slow hang\r\n");
                    out.flush();
                    while (!interrupted) {
                        Thread.sleep(20);
                    }
                    Thread.sleep(Long.parseLong(words[1]));
                    out.print("stopped after the interrupt\r\n");
                }
                case "hang-hard" -> {
                    out.print("started hard hang\r\n");
                    out.flush();
                    Thread.sleep(Long.MAX_VALUE);
                }
                case "die" -> {
                    out.print("dying\r\n");
                    out.flush();
                    Runtime.getRuntime().halt(3);
                }
                default -> out.print("fake: " + command + "\r\n");
            }
            out.print(prompt);
            out.flush();
        }
    }
}
