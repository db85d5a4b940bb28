package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.time.Duration;
import java.util.Map;

/**
 * The tools that run scripts: {@code execute_bpftrace_script} (synchronous) and {@code start_bpftrace},
 * {@code get_bpftrace_output}, {@code stop_bpftrace} (asynchronous, owned by the calling client).
 */
final class RunTools {

    private static final int DEFAULT_TIMEOUT = 30;
    private static final int DEFAULT_DURATION = 60;
    /** How long start_bpftrace waits for bpftrace to attach, so that script errors come back at once. */
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(20);

    private final RunRegistry runs;
    private final BpftraceSettings settings;

    RunTools(RunRegistry runs, BpftraceSettings settings) {
        this.runs = runs;
        this.settings = settings;
    }

    /**
     * Attaching BPF programs to the live kernel changes the system while the run lasts (and costs CPU on every
     * probe hit), so running is not read-only, and it touches the open world of the live system. Without
     * {@code --unsafe} bpftrace can neither write kernel memory nor run programs, and its probes are removed
     * when it exits, so it is not destructive; with {@code --unsafe} allowed ({@code system()},
     * {@code override()}, {@code signal()}) it may be.
     */
    private ToolAnnotations runAnnotations() {
        return new ToolAnnotations(false, settings.allowUnsafe(), false, true);
    }

    Tool execute() {
        return Tool.builder("execute_bpftrace_script")
                .title("Run a bpftrace script")
                .description("Runs a bpftrace program on the live kernel and waits until it exits (e.g. by calling "
                        + "exit() from an interval probe) or the timeout passes; on timeout it is stopped with Ctrl-C so "
                        + "its maps print, and the exit code is 124. Returns the printed output, maps and histograms "
                        + "(structured, with bucket bounds), and bpftrace's errors with line and column. Use it for "
                        + "tracing that fits in one call (up to " + settings.maxTimeout().toSeconds() + " s). For "
                        + "longer tracing use start_bpftrace; to only check a script use validate_bpftrace_script; "
                        + "to find probe names use list_bpftrace_probes. Unsafe builtins such as system() are refused "
                        + "unless an administrator allowed them.")
                .inputSchema(runInput("timeout", DEFAULT_TIMEOUT,
                        "Seconds to let the script run before stopping it with Ctrl-C (exit code 124)"))
                .outputSchema(Schemas.runOutput())
                .annotations(runAnnotations())
                .handler(this::callExecute)
                .build();
    }

    private ToolResult callExecute(ToolCall call) {
        Arguments args = call.arguments();
        Script script = script(args);
        Duration timeout = seconds(args, "timeout", DEFAULT_TIMEOUT);
        boolean useSudo = args.bool("use_sudo", true);
        ScriptRun run = runs.start(call.callerId(), call.toolName(), script, timeout, useSudo);
        AutoCloseable onCancel = call.cancellation().onCancel(() -> run.requestStop(RunStatus.CANCELLED));
        try {
            awaitEnd(run, call, timeout);
        } finally {
            closeQuietly(onCancel);
            runs.forget(run);
        }
        return RunReport.of(run.snapshot(0), settings.allowUnsafe(), true);
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
                run.awaitEnd(settings.stopGrace().plusSeconds(5));
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
            Thread.currentThread().interrupt();
        }
    }

    Tool start() {
        return Tool.builder("start_bpftrace")
                .title("Start a bpftrace run in the background")
                .description("Starts a bpftrace program on the live kernel and returns a run_id at once (after bpftrace "
                        + "attached its probes, so script errors come back here). The run goes on for 'duration' seconds "
                        + "at most; read its output with get_bpftrace_output and end it early with stop_bpftrace, which "
                        + "prints its maps. Use it for tracing longer than one call or to watch output as it comes; for "
                        + "a short trace execute_bpftrace_script is simpler. Runs belong to the client that started them "
                        + "and end when it disconnects or the server stops; at most " + settings.maxRuns()
                        + " runs may be active at once.")
                .inputSchema(runInput("duration", DEFAULT_DURATION,
                        "Seconds after which the run is stopped with Ctrl-C (its maps print)"))
                .outputSchema(Schemas.runOutput())
                .annotations(runAnnotations())
                .handler(this::callStart)
                .build();
    }

    private ToolResult callStart(ToolCall call) {
        Arguments args = call.arguments();
        Script script = script(args);
        Duration duration = seconds(args, "duration", DEFAULT_DURATION);
        boolean useSudo = args.bool("use_sudo", true);
        ScriptRun run = runs.start(call.callerId(), call.toolName(), script, duration, useSudo);
        try {
            run.awaitAttachedOrEnd(ATTACH_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return RunReport.of(run.snapshot(0), settings.allowUnsafe(), true);
    }

    Tool output() {
        return Tool.builder("get_bpftrace_output")
                .title("Read a background bpftrace run")
                .description("Returns what a run started with start_bpftrace printed since 'offset' (printf lines, maps, "
                        + "histograms, errors) and whether it is still running. Poll it with offset = next_offset from "
                        + "the previous answer to get only new output. Maps usually print only when the run ends: use "
                        + "stop_bpftrace to end it and get them. Only the client that started a run can read it.")
                .inputSchema(JsonSchema.object()
                        .property("run_id", Schemas.runId())
                        .property("offset", Schemas.offset())
                        .required("run_id")
                        .build())
                .outputSchema(Schemas.runOutput())
                .annotations(ToolAnnotations.READ_ONLY)
                .handler(this::callOutput)
                .build();
    }

    private ToolResult callOutput(ToolCall call) {
        ScriptRun run = find(call);
        int offset = (int) call.arguments().integer("offset", 0, 0, Integer.MAX_VALUE);
        return RunReport.of(run.snapshot(offset), settings.allowUnsafe(), false);
    }

    Tool stop() {
        return Tool.builder("stop_bpftrace")
                .title("Stop a background bpftrace run")
                .description("Stops a run started with start_bpftrace the way Ctrl-C would, so bpftrace detaches its "
                        + "probes and prints its maps, and returns the output from 'offset' on, maps included. Stopping "
                        + "a run that already ended just returns its output. Only the client that started a run can stop it. "
                        + "Use it when you have seen enough of a run, or to get its maps before its duration ends; to "
                        + "read new output without stopping, use get_bpftrace_output instead.")
                .inputSchema(JsonSchema.object()
                        .property("run_id", Schemas.runId())
                        .property("offset", Schemas.offset())
                        .required("run_id")
                        .build())
                .outputSchema(Schemas.runOutput())
                .annotations(new ToolAnnotations(false, false, true, true))
                .handler(this::callStop)
                .build();
    }

    private ToolResult callStop(ToolCall call) {
        ScriptRun run = find(call);
        int offset = (int) call.arguments().integer("offset", 0, 0, Integer.MAX_VALUE);
        run.requestStop(RunStatus.STOPPED);
        try {
            run.awaitEnd(settings.stopGrace().plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return RunReport.of(run.snapshot(offset), settings.allowUnsafe(), false);
    }

    private ScriptRun find(ToolCall call) {
        String id = call.arguments().requiredString("run_id");
        return runs.find(call.callerId(), id).orElseThrow(() -> new ToolException("no such run: '" + abbreviate(id)
                + "'. Use the run_id that start_bpftrace returned to you; runs end when your session ends, and "
                + "only the most recent ended runs are kept."));
    }

    /** The input of the two tools that run a script: the script, how long it may run, and whether to use sudo. */
    private Map<String, Object> runInput(String limit, long defaultSeconds, String limitDescription) {
        long max = settings.maxTimeout().toSeconds();
        return JsonSchema.object()
                .property("script", Schemas.script())
                .property(limit, JsonSchema.integer().minimum(1).maximum(max).defaultValue(Math.min(defaultSeconds, max))
                        .description(limitDescription))
                .property("use_sudo", Schemas.useSudo())
                .required("script")
                .build();
    }

    private Duration seconds(Arguments args, String limit, long defaultSeconds) {
        long max = settings.maxTimeout().toSeconds();
        return Duration.ofSeconds(args.integer(limit, Math.min(defaultSeconds, max), 1, max));
    }

    static Script script(Arguments args) {
        String text = args.requiredString("script");
        if (text.length() > Script.MAX_LENGTH) {
            throw new ToolException("argument 'script' is " + text.length() + " characters long; the limit is "
                    + Script.MAX_LENGTH);
        }
        if (text.indexOf('\0') >= 0) {
            throw new ToolException("argument 'script' contains a NUL character; send plain bpftrace source text");
        }
        return Script.of(text);
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // unregistering a cancellation action cannot fail in a way that matters here
        }
    }
}
