package io.dynamicmcp.crash.tools;

import io.dynamicmcp.crash.CrashBackend;
import io.dynamicmcp.crash.command.BoundedOutput;
import io.dynamicmcp.crash.command.OutputFilter;
import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.Reply;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code crash_command}: one crash command in a session, its exact output. */
public final class CrashCommandTool {

    /** The exit code reported when a command ran past its timeout, as {@code timeout(1)} does. */
    public static final int TIMED_OUT = 124;
    /** The exit code reported when the call was cancelled (interrupted, as by SIGINT). */
    public static final int CANCELLED = 130;

    private static final int HEAD_BUDGET = 48 * 1024;
    private static final int TAIL_BUDGET = 16 * 1024;

    private CrashCommandTool() {
    }

    public static Tool create(CrashBackend backend) {
        long defaultTimeout = backend.settings().commandTimeout().toSeconds();
        return Tool.builder("crash_command")
                .title("Run a crash command")
                .description("Runs one read-only crash command (e.g. 'sys', 'bt', 'bt -a', 'log', 'ps', 'mod', "
                        + "'kmem -i', 'struct task_struct <addr>', 'dis -l <func>') in a session from "
                        + "start_crash_session and returns its output. Filter long output with grep/head/tail instead "
                        + "of shell pipes, which are refused, as are shell escapes and redirection. A command that runs "
                        + "past its timeout is interrupted: you get the output so far, marked partial (exit_code 124), "
                        + "and the session stays usable.")
                .inputSchema(JsonSchema.object()
                        .property("command", JsonSchema.string().maxLength(4096)
                                .description("One crash command line, without pipes or redirection"))
                        .property("timeout", JsonSchema.integer().minimum(1).maximum(86_400).defaultValue(defaultTimeout)
                                .description("Seconds before the command is interrupted with Ctrl-C"))
                        .property("session_id", Schemas.sessionId())
                        .property("grep", JsonSchema.string().maxLength(1000)
                                .description("Keep only lines containing a match of this Java regular expression"))
                        .property("head", JsonSchema.integer().minimum(0).maximum(OutputFilter.MAX_LINES).defaultValue(0)
                                .description("Keep only the first N lines (after grep); 0 keeps all"))
                        .property("tail", JsonSchema.integer().minimum(0).maximum(OutputFilter.MAX_LINES).defaultValue(0)
                                .description("Keep only the last N lines (after grep and head); 0 keeps all"))
                        .required("command")
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("session_id", JsonSchema.string().description("The session used"))
                        .property("command", JsonSchema.string().description("The command sent to crash"))
                        .property("output", JsonSchema.string().description("The output, filtered and bounded"))
                        .property("status", JsonSchema.string().enumeration("completed", "timed_out", "cancelled",
                                "session_ended").description("How the command ended"))
                        .property("exit_code", JsonSchema.integer().description("0 completed, 124 timed out, "
                                + "130 cancelled, -1 crash ended"))
                        .property("partial", JsonSchema.bool().description("Whether the output is incomplete"))
                        .property("lines", JsonSchema.integer().description("Lines crash printed"))
                        .property("output_lines", JsonSchema.integer().description("Lines after grep/head/tail"))
                        .property("truncated", JsonSchema.bool().description("Whether lines were left out of 'output' "
                                + "to keep it short"))
                        .property("duration_ms", JsonSchema.integer().description("Milliseconds the command took"))
                        .required("session_id", "command", "output", "status", "exit_code", "partial", "lines",
                                "output_lines", "truncated", "duration_ms")
                        .build())
                .annotations(new ToolAnnotations(true, false, false, false))
                .handler(call -> run(backend, call))
                .build();
    }

    private static ToolResult run(CrashBackend backend, ToolCall call) {
        String command = backend.gate().admit(call.arguments().requiredString("command"));
        Duration timeout = Duration.ofSeconds(call.arguments().integer("timeout",
                backend.settings().commandTimeout().toSeconds(), 1, 86_400));
        long head = call.arguments().integer("head", 0, 0, OutputFilter.MAX_LINES);
        long tail = call.arguments().integer("tail", 0, 0, OutputFilter.MAX_LINES);
        BoundedOutput output = new BoundedOutput(HEAD_BUDGET, TAIL_BUDGET);
        OutputFilter filter = OutputFilter.of(output, call.arguments().string("grep"), head, tail);
        CrashSession session = backend.sessions().find(call.callerId(), call.arguments().string("session_id"));
        Reply reply;
        try {
            reply = session.execute(command, filter, timeout, call.cancellation(), CrashBackend.BUSY_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while waiting for crash");
        }
        filter.finish();
        return result(session, command, reply, output, timeout);
    }

    private static ToolResult result(CrashSession session, String command, Reply reply, BoundedOutput output,
            Duration timeout) {
        int exitCode = switch (reply.ending()) {
            case COMPLETED -> 0;
            case TIMED_OUT -> TIMED_OUT;
            case CANCELLED -> CANCELLED;
            case SESSION_ENDED -> -1;
        };
        String note = switch (reply.ending()) {
            case COMPLETED -> "";
            case TIMED_OUT -> "[partial output: '" + command + "' ran past its timeout of " + timeout.toSeconds()
                    + " s and was interrupted with Ctrl-C; the session is still usable]\n";
            case CANCELLED -> "[partial output: the call was cancelled and '" + command
                    + "' was interrupted with Ctrl-C; the session is still usable]\n";
            case SESSION_ENDED -> "[crash session " + session.id() + " has ended: "
                    + session.endReason().orElse(reply.endReason().orElse("crash exited"))
                    + ". Start a new one with start_crash_session. Output so far follows]\n";
        };
        String text = output.text();
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", session.id());
        structured.put("command", command);
        structured.put("output", text);
        structured.put("status", reply.ending().name().toLowerCase(Locale.ROOT));
        structured.put("exit_code", exitCode);
        structured.put("partial", reply.partial());
        structured.put("lines", reply.lines());
        structured.put("output_lines", output.totalLines());
        structured.put("truncated", output.truncated());
        structured.put("duration_ms", reply.elapsed().toMillis());
        String shown = note + text;
        if (reply.ending() == Reply.Ending.SESSION_ENDED) {
            return ToolResult.error(shown, structured);
        }
        return ToolResult.success(shown, structured);
    }
}
