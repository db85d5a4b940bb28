package io.dynamicmcp.bpftrace;

import io.dynamicmcp.core.pty.PtyChild;
import io.dynamicmcp.core.pty.PtyCommand;
import io.dynamicmcp.core.pty.PtyLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a short bpftrace command ({@code --version}, {@code --info}, {@code -l}, a dry run) in a pty to the
 * end, feeding each line to a sink, within a time and byte limit. The child never outlives the call.
 */
final class ShortCommand {

    /** How a command ended. {@code exitCode} is null when it had to be killed. */
    record Outcome(Integer exitCode, boolean timedOut, boolean truncated, long durationMillis) {
    }

    private final PtyLauncher launcher;
    private final Path directory;

    ShortCommand(PtyLauncher launcher, Path directory) {
        this.launcher = launcher;
        this.directory = directory;
    }

    Outcome run(List<String> command, Duration timeout, long maxBytes, BooleanSupplier cancelled,
            Consumer<String> sink) throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        LineSplitter lines = new LineSplitter();
        long bytes = 0;
        boolean timedOut = false;
        boolean truncated = false;
        try (PtyChild child = launcher.start(PtyCommand.of(command,
                PtyCommand.minimalEnvironment("dumb", directory), directory))) {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || cancelled.getAsBoolean()) {
                    timedOut = left <= 0;
                    child.terminate(Duration.ofSeconds(1));
                    break;
                }
                byte[] chunk = child.read(Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))));
                if (chunk == null) {
                    break;
                }
                bytes += chunk.length;
                if (bytes > maxBytes) {
                    truncated = true;
                    child.terminate(Duration.ofSeconds(1));
                    break;
                }
                lines.accept(chunk).forEach(line -> sink.accept(strip(line)));
            }
            if (!truncated) {
                lines.flush().forEach(line -> sink.accept(strip(line)));
            }
            child.waitFor(Duration.ofSeconds(2));
            Integer exit = child.exitCode().isPresent() && !timedOut && !truncated ? child.exitCode().getAsInt() : null;
            return new Outcome(exit, timedOut, truncated, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, false, truncated, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
