package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;

/** {@code get_bpftrace_output}: what a background run printed since an offset, and whether it still runs. */
final class GetBpftraceOutputTool {

    private final RunRegistry runs;
    private final boolean allowUnsafe;

    /** @param allowUnsafe whether the administrator allowed unsafe builtins (the hints say so) */
    GetBpftraceOutputTool(RunRegistry runs, boolean allowUnsafe) {
        this.runs = requireNonNull(runs, "runs is null");
        this.allowUnsafe = allowUnsafe;
    }

    Tool tool() {
        return Tool.builder("get_bpftrace_output")
                .title("Read a background bpftrace run")
                .description("Returns what a run started with start_bpftrace printed since 'offset' (printf lines, maps, "
                        + "histograms, errors) and whether it is still running. Poll it with offset = next_offset from "
                        + "the previous answer to get only new output. Maps usually print only when the run ends: use "
                        + "stop_bpftrace to end it and get them. Only the client that started a run can read it.")
                .inputSchema(Schemas.runAndOffset())
                .outputSchema(Schemas.runOutput())
                .annotations(ToolAnnotations.READ_ONLY)
                .handler(this::call)
                .build();
    }

    private ToolResult call(ToolCall call) {
        ScriptRun run = runs.require(call.callerId(), call.arguments().requiredString("run_id"));
        int offset = (int) call.arguments().integer("offset", 0, 0, Integer.MAX_VALUE);
        return RunReport.of(run.snapshot(offset), allowUnsafe, false);
    }
}
