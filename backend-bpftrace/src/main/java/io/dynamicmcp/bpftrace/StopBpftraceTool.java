package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.time.Duration;

/** {@code stop_bpftrace}: stops a background run as Ctrl-C would, so that its maps print. */
final class StopBpftraceTool {

    private final RunRegistry runs;
    private final Duration stopWait;
    private final boolean allowUnsafe;

    /**
     * @param stopGrace how long bpftrace may take to print its maps after Ctrl-C
     * @param allowUnsafe whether the administrator allowed unsafe builtins (the hints say so)
     */
    StopBpftraceTool(RunRegistry runs, Duration stopGrace, boolean allowUnsafe) {
        this.runs = requireNonNull(runs, "runs is null");
        this.stopWait = stopGrace.plusSeconds(5);
        this.allowUnsafe = allowUnsafe;
    }

    Tool tool() {
        return Tool.builder("stop_bpftrace")
                .title("Stop a background bpftrace run")
                .description("Stops a run started with start_bpftrace the way Ctrl-C would, so bpftrace detaches its "
                        + "probes and prints its maps, and returns the output from 'offset' on, maps included. Stopping "
                        + "a run that already ended just returns its output. Only the client that started a run can stop it. "
                        + "Use it when you have seen enough of a run, or to get its maps before its duration ends; to "
                        + "read new output without stopping, use get_bpftrace_output instead.")
                .inputSchema(Schemas.runAndOffset())
                .outputSchema(Schemas.runOutput())
                .annotations(new ToolAnnotations(false, false, true, true))
                .handler(this::call)
                .build();
    }

    private ToolResult call(ToolCall call) {
        ScriptRun run = runs.require(call.callerId(), call.arguments().requiredString("run_id"));
        int offset = (int) call.arguments().integer("offset", 0, 0, Integer.MAX_VALUE);
        run.requestStop(RunStatus.STOPPED);
        try {
            run.awaitEnd(stopWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return RunReport.of(run.snapshot(offset), allowUnsafe, false);
    }
}
