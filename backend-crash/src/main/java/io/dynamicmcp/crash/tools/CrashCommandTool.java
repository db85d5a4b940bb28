package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.output.CapturedOutput;
import io.dynamicmcp.crash.output.OutputCapture;
import io.dynamicmcp.crash.output.OutputStore;
import io.dynamicmcp.crash.policy.CommandPolicy;
import io.dynamicmcp.crash.filter.LineSink;
import io.dynamicmcp.crash.filter.OutputFilter;
import io.dynamicmcp.crash.policy.Verdict;
import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.Reply;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.spi.AuditLog;
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

/**
 * {@code crash_command}: one crash command in a session, checked by the command policy, its output filtered by the
 * server and, when large, stored for paging; every command and verdict goes to the audit log.
 */
public final class CrashCommandTool {

    /** The exit code reported when a command ran past its timeout, as {@code timeout(1)} does. */
    public static final int TIMED_OUT = 124;
    /** The exit code reported when the call was cancelled (interrupted, as by SIGINT). */
    public static final int CANCELLED = 130;

    private final SessionRegistry sessions;
    private final CommandPolicy policy;
    private final OutputStore outputs;
    private final AuditLog audit;
    private final Duration defaultTimeout;

    /** @param defaultTimeout how long a command may run when the call gives no timeout */
    public CrashCommandTool(SessionRegistry sessions, CommandPolicy policy, OutputStore outputs, AuditLog audit,
            Duration defaultTimeout) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.defaultTimeout = requireNonNull(defaultTimeout, "defaultTimeout is null");
    }

    public Tool tool() {
        return Tool.builder("crash_command")
                .title("Run a crash command")
                .description("Runs one read-only crash command (e.g. 'sys', 'bt', 'bt -a', 'log', 'ps', 'mod', "
                        + "'kmem -i', 'struct task_struct <addr>', 'dis -l <func>') in a session from "
                        + "start_crash_session and returns its output. Narrow long output with the grep/head/tail "
                        + "arguments or a trailing '| grep PATTERN', '| head -n N', '| tail -n N', '| wc -l', which the "
                        + "server applies itself; shell escapes, other pipes, redirection and commands that write or load "
                        + "code are refused with the reason. Output over the inline budget comes back as head and tail "
                        + "with an output_id for get_command_output and search_command_output. A command that runs past "
                        + "its timeout is interrupted: you get the output so far, marked partial (exit_code 124), and the "
                        + "session stays usable. Use it for each specific question about a dump once a session is open; for the "
                        + "first overview of a dump call crash_triage instead, which runs the usual first commands at once.")
                .inputSchema(JsonSchema.object()
                        .property("command", JsonSchema.string().maxLength(4096)
                                .description("One crash command line, optionally followed by '| grep ...', '| head -n N', "
                                        + "'| tail -n N' or '| wc -l'"))
                        .property("timeout", JsonSchema.integer().minimum(1).maximum(86_400)
                                .defaultValue(defaultTimeout.toSeconds())
                                .description("Seconds before the command is interrupted with Ctrl-C"))
                        .property("session_id", Schemas.sessionId())
                        .property("grep", JsonSchema.string().maxLength(1000)
                                .description("Keep only lines containing a match of this regular expression"))
                        .property("head", JsonSchema.integer().minimum(0).maximum(OutputFilter.MAX_LINES).defaultValue(0)
                                .description("Keep only the first N lines (after grep); 0 keeps all"))
                        .property("tail", JsonSchema.integer().minimum(0).maximum(OutputFilter.MAX_LINES).defaultValue(0)
                                .description("Keep only the last N lines (after grep and head); 0 keeps all"))
                        .required("command")
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("session_id", JsonSchema.string().description("The session used"))
                        .property("command", JsonSchema.string().description("The command sent to crash"))
                        .property("output", JsonSchema.string().description("The output, filtered; head and tail when "
                                + "it was larger than the inline budget"))
                        .property("status", JsonSchema.string().enumeration("completed", "timed_out", "cancelled",
                                "session_ended").description("How the command ended"))
                        .property("exit_code", JsonSchema.integer().description("0 completed, 124 timed out, "
                                + "130 cancelled, -1 crash ended"))
                        .property("partial", JsonSchema.bool().description("Whether crash was interrupted before the "
                                + "end of its output"))
                        .property("lines", JsonSchema.integer().description("Lines crash printed"))
                        .property("output_lines", JsonSchema.integer().description("Lines after the filters"))
                        .property("output_bytes", JsonSchema.integer().description("Bytes after the filters"))
                        .property("truncated", JsonSchema.bool().description("Whether 'output' leaves lines out; page "
                                + "them with get_command_output"))
                        .property("output_id", JsonSchema.string().nullable().description("Where the whole output is "
                                + "kept for get_command_output / search_command_output; null when 'output' is all of it"))
                        .property("duration_ms", JsonSchema.integer().description("Milliseconds the command took"))
                        .property("interrupt_ms", JsonSchema.integer().nullable().description("After Ctrl-C, how many "
                                + "milliseconds crash took to return to its prompt; null when it was not interrupted or "
                                + "is still on its way back"))
                        .property("still_stopping", JsonSchema.bool().description("Whether crash was still returning "
                                + "to its prompt after Ctrl-C when this answer was sent: the session stays open and "
                                + "busy until it is back (see get_crash_info)"))
                        .required("session_id", "command", "output", "status", "exit_code", "partial", "lines",
                                "output_lines", "output_bytes", "truncated", "output_id", "duration_ms", "interrupt_ms",
                                "still_stopping")
                        .build())
                .annotations(new ToolAnnotations(true, false, false, false))
                .handler(this::run)
                .build();
    }

    private ToolResult run(ToolCall call) {
        String line = call.arguments().requiredString("command");
        Duration timeout = Duration.ofSeconds(call.arguments().integer("timeout", defaultTimeout.toSeconds(), 1,
                86_400));
        long head = call.arguments().integer("head", 0, 0, OutputFilter.MAX_LINES);
        long tail = call.arguments().integer("tail", 0, 0, OutputFilter.MAX_LINES);
        OutputFilter requested = OutputFilter.of(call.arguments().string("grep").orElse(null),
                head == 0 ? null : (int) head, tail == 0 ? null : (int) tail);
        Verdict verdict = policy.check(line);
        if (!verdict.allowed()) {
            audit(call, null, line, verdict, null, null);
            return ToolResult.error("refused: " + verdict.reason());
        }
        CrashSession session = sessions.find(call.callerId(), call.arguments().string("session_id"));
        verdict = verdict.then(requested);
        OutputCapture capture = outputs.begin(session.id(), call.callerId(), verdict.crashCommand());
        LineSink sink = verdict.filter().open(capture);
        Reply reply;
        try {
            reply = session.execute(verdict.crashCommand(), sink, timeout, call.cancellation(), CrashSession.BUSY_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while waiting for crash");
        } catch (RuntimeException e) {
            capture.finish();
            audit(call, session, line, verdict, null, e.getMessage());
            throw e;
        }
        sink.end();
        CapturedOutput output = capture.finish();
        audit(call, session, line, verdict, reply, output);
        ToolResult result = result(session, verdict.crashCommand(), reply, output, timeout);
        session.transcript().record("crash_command", verdict.asRun(), reply.ending().name().toLowerCase(Locale.ROOT),
                result.text());
        return result;
    }

    private void audit(ToolCall call, CrashSession session, String line, Verdict verdict, Reply reply,
            Object outcome) {
        Map<String, Object> event = CommandAudit.event("crash_command", call.callerId(),
                session == null ? call.arguments().string("session_id").orElse(null) : session.id(),
                session == null ? null : session.info().dumpName(), line, verdict, reply,
                outcome instanceof String error ? error : null);
        if (outcome instanceof CapturedOutput output) {
            event.put("bytes_out", output.totalBytes());
            event.put("lines_out", output.totalLines());
        }
        audit.record(event);
    }

    private static ToolResult result(CrashSession session, String command, Reply reply, CapturedOutput output,
            Duration timeout) {
        int exitCode = switch (reply.ending()) {
            case COMPLETED -> 0;
            case TIMED_OUT -> TIMED_OUT;
            case CANCELLED -> CANCELLED;
            case SESSION_ENDED -> -1;
        };
        String after = reply.stillStopping()
                ? "; crash is still returning to its prompt, and the session stays open and busy until it is back"
                : reply.interruptTook().map(d -> "; crash was back at its prompt " + d.toMillis() + " ms later, and the "
                        + "session is still usable").orElse("; the session is still usable");
        String note = switch (reply.ending()) {
            case COMPLETED -> "";
            case TIMED_OUT -> "[partial output: '" + command + "' ran past its timeout of " + timeout.toSeconds()
                    + " s and was interrupted with Ctrl-C" + after + "]\n";
            case CANCELLED -> "[partial output: the call was cancelled and '" + command
                    + "' was interrupted with Ctrl-C" + after + "]\n";
            case SESSION_ENDED -> "[crash session " + session.id() + " has ended: "
                    + session.endReason().orElse(reply.endReason().orElse("crash exited"))
                    + ". Start a new one with start_crash_session. Output so far follows]\n";
        };
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", session.id());
        structured.put("command", command);
        structured.put("output", output.text());
        structured.put("status", reply.ending().name().toLowerCase(Locale.ROOT));
        structured.put("exit_code", exitCode);
        structured.put("partial", reply.partial());
        structured.put("lines", reply.lines());
        structured.put("output_lines", output.totalLines());
        structured.put("output_bytes", output.totalBytes());
        structured.put("truncated", output.truncated());
        structured.put("output_id", output.outputId());
        structured.put("duration_ms", reply.elapsed().toMillis());
        structured.put("interrupt_ms", reply.interruptTook().map(Duration::toMillis).orElse(null));
        structured.put("still_stopping", reply.stillStopping());
        String shown = note + output.text();
        if (reply.ending() == Reply.Ending.SESSION_ENDED) {
            return ToolResult.error(shown, structured);
        }
        return ToolResult.success(shown, structured);
    }
}
