package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.time.Duration;

/** {@code execute_bpftrace_script}: runs a script on the live kernel and waits for it to end. */
final class ExecuteScriptTool {

    private static final int DEFAULT_TIMEOUT = 30;

    private final RunRegistry runs;
    private final RunInput input;
    private final Duration stopWait;
    private final boolean allowUnsafe;

    /**
     * @param maxTimeout the longest timeout a call may ask for
     * @param stopGrace how long bpftrace may take to print its maps after Ctrl-C
     * @param allowUnsafe whether the administrator allowed unsafe builtins
     */
    ExecuteScriptTool(RunRegistry runs, Duration maxTimeout, Duration stopGrace, boolean allowUnsafe) {
        this.runs = requireNonNull(runs, "runs is null");
        this.input = new RunInput("timeout", DEFAULT_TIMEOUT, maxTimeout);
        this.stopWait = stopGrace.plusSeconds(5);
        this.allowUnsafe = allowUnsafe;
    }

    Tool tool() {
        return Tool.builder("execute_bpftrace_script")
                .title("Run a bpftrace script")
                .description("Runs a bpftrace program on the live kernel and waits until it exits (e.g. by calling "
                        + "exit() from an interval probe) or the timeout passes; on timeout it is stopped with Ctrl-C so "
                        + "its maps print, and the exit code is 124. Returns the printed output, maps and histograms "
                        + "(structured, with bucket bounds), and bpftrace's errors with line and column. Use it for "
                        + "tracing that fits in one call (up to " + input.maxLimit().toSeconds() + " s). For "
                        + "longer tracing use start_bpftrace; to only check a script use validate_bpftrace_script; "
                        + "to find probe names use list_bpftrace_probes. Unsafe builtins such as system() are refused "
                        + "unless an administrator allowed them.")
                .inputSchema(input.schema(
                        "Seconds to let the script run before stopping it with Ctrl-C (exit code 124)"))
                .outputSchema(Schemas.runOutput())
                .annotations(Schemas.runAnnotations(allowUnsafe))
                .handler(this::call)
                .build();
    }

    private ToolResult call(ToolCall call) {
        Arguments args = call.arguments();
        Script script = Script.fromArgument(args);
        Duration timeout = input.limit(args);
        boolean useSudo = args.bool("use_sudo", true);
        ScriptRun run = runs.start(call.callerId(), call.toolName(), script, timeout, useSudo);
        AutoCloseable onCancel = call.cancellation().onCancel(() -> run.requestStop(RunStatus.CANCELLED));
        try {
            awaitEnd(run, call, timeout);
        } finally {
            closeQuietly(onCancel);
            runs.forget(run);
        }
        return RunReport.of(run.snapshot(0), allowUnsafe, true);
    }

    private void awaitEnd(ScriptRun run, ToolCall call, Duration timeout) {
        try {
            long seconds = 0;
            while (!run.awaitEnd(Duration.ofSeconds(1))) {
                seconds++;
                call.progress(Math.min(seconds, timeout.toSeconds()), (double) timeout.toSeconds(), "tracing");
            }
        } catch (InterruptedException e) {
            run.requestStop(RunStatus.CANCELLED);
            try {
                run.awaitEnd(stopWait);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // unregistering a cancellation action cannot fail in a way that matters here
        }
    }
}
