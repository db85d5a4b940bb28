package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.time.Duration;

/** {@code start_bpftrace}: starts a script in the background, owned by the calling client. */
final class StartBpftraceTool {

    private static final int DEFAULT_DURATION = 60;
    /** How long start_bpftrace waits for bpftrace to attach, so that script errors come back at once. */
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(20);

    private final RunRegistry runs;
    private final RunInput input;
    private final int maxRuns;
    private final boolean allowUnsafe;

    /**
     * @param maxTimeout the longest duration a call may ask for
     * @param maxRuns how many runs may be active at once
     * @param allowUnsafe whether the administrator allowed unsafe builtins
     */
    StartBpftraceTool(RunRegistry runs, Duration maxTimeout, int maxRuns, boolean allowUnsafe) {
        this.runs = requireNonNull(runs, "runs is null");
        this.input = new RunInput("duration", DEFAULT_DURATION, maxTimeout);
        this.maxRuns = maxRuns;
        this.allowUnsafe = allowUnsafe;
    }

    Tool tool() {
        return Tool.builder("start_bpftrace")
                .title("Start a bpftrace run in the background")
                .description("Starts a bpftrace program on the live kernel and returns a run_id at once (after bpftrace "
                        + "attached its probes, so script errors come back here). The run goes on for 'duration' seconds "
                        + "at most; read its output with get_bpftrace_output and end it early with stop_bpftrace, which "
                        + "prints its maps. Use it for tracing longer than one call or to watch output as it comes; for "
                        + "a short trace execute_bpftrace_script is simpler. Runs belong to the client that started them "
                        + "and end when it disconnects or the server stops; at most " + maxRuns
                        + " runs may be active at once.")
                .inputSchema(input.schema("Seconds after which the run is stopped with Ctrl-C (its maps print)"))
                .outputSchema(Schemas.runOutput())
                .annotations(Schemas.runAnnotations(allowUnsafe))
                .handler(this::call)
                .build();
    }

    private ToolResult call(ToolCall call) {
        Arguments args = call.arguments();
        Script script = Script.fromArgument(args);
        Duration duration = input.limit(args);
        boolean useSudo = args.bool("use_sudo", true);
        ScriptRun run = runs.start(call.callerId(), call.toolName(), script, duration, useSudo);
        try {
            run.awaitAttachedOrEnd(ATTACH_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return RunReport.of(run.snapshot(0), allowUnsafe, true);
    }
}
