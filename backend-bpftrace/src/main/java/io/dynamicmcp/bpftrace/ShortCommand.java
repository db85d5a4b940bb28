package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.OutputWatcher;
import io.dynamicmcp.spi.ProcessService;
import io.dynamicmcp.spi.ProcessSpec;
import io.dynamicmcp.spi.Supervised;
import io.dynamicmcp.spi.Supervision;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a short bpftrace command ({@code --version}, {@code --info}, {@code -l}, a dry run) to its end, feeding each
 * line to a sink, within a time and byte limit. The child never outlives the call.
 */
final class ShortCommand {

    /** How a command ended. {@code exitCode} is null when it had to be stopped. */
    record Outcome(Integer exitCode, boolean timedOut, boolean truncated, long durationMillis) {
    }

    private static final Duration GRACE = Duration.ofSeconds(1);

    private final ProcessService processes;
    private final Path directory;

    ShortCommand(ProcessService processes, Path directory) {
        this.processes = processes;
        this.directory = directory;
    }

    Outcome run(List<String> command, Duration timeout, long maxBytes, CallCancellation cancellation,
            Consumer<String> sink) throws IOException {
        LineSplitter lines = new LineSplitter();
        try (ChildProcess child = processes.start(ProcessSpec.command(command).directory(directory)
                .outputLimit(maxBytes).build())) {
            child.closeInput();
            Supervised outcome = child.supervise(Supervision.deadline(timeout).stopOn(cancellation).grace(GRACE), chunk -> {
                lines.accept(chunk).forEach(sink);
                return OutputWatcher.Verdict.MORE;
            });
            boolean truncated = child.outputLimitReached();
            if (!truncated) {
                lines.flush().forEach(sink);
            }
            child.waitFor(Duration.ofSeconds(2));
            Integer exit = outcome.complete() && child.exitStatus().isPresent() ? child.exitStatus().getAsInt() : null;
            return new Outcome(exit, outcome.stop() == Supervised.Stop.DEADLINE, truncated, outcome.elapsed().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, false, false, 0);
        }
    }
}
