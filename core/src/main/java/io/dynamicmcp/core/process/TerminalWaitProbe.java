package io.dynamicmcp.core.process;

import io.dynamicmcp.spi.ChildProcess.InputState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Tells whether a process is blocked waiting for terminal input, from {@code /proc/<pid>/task/<tid>/syscall}:
 * some thread sits in {@code read(0, ...)} or in a {@code select}/{@code pselect6} on descriptor 0 alone.
 */
final class TerminalWaitProbe {

    /** Syscall number to the first argument that means "terminal only" (fd 0 for read, nfds 1 for select). */
    private static final Map<String, Map<Integer, String>> WAITS = Map.of(
            "amd64", Map.of(0, "0x0", 23, "0x1", 270, "0x1"),
            "x86_64", Map.of(0, "0x0", 23, "0x1", 270, "0x1"),
            "aarch64", Map.of(63, "0x0", 72, "0x1"));

    private TerminalWaitProbe() {
    }

    static InputState of(long pid) {
        Map<Integer, String> waits = WAITS.get(System.getProperty("os.arch", "").toLowerCase(Locale.ROOT));
        if (waits == null) {
            return InputState.UNKNOWN;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String[] fields = Files.readString(task.resolve("syscall")).trim().split(" ");
                if (fields.length >= 2 && fields[0].matches("\\d+")
                        && fields[1].equals(waits.get(Integer.parseInt(fields[0])))) {
                    return InputState.WAITING;
                }
            }
            return InputState.BUSY;
        } catch (IOException | RuntimeException e) {
            return InputState.UNKNOWN;
        }
    }
}
