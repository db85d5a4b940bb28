package io.dynamicmcp.crash.triage;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.filter.LineSink;
import io.dynamicmcp.crash.policy.CommandPolicy;
import io.dynamicmcp.crash.policy.Verdict;
import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.Reply;
import io.dynamicmcp.crash.tools.CommandAudit;
import io.dynamicmcp.spi.AuditLog;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs triage commands in one session the way {@code crash_command} does: the command policy decides, the
 * server applies the filters, every command is audited. A step that fails becomes a {@link StepOutput} with a
 * problem, never an exception, so the other steps still run.
 */
public final class TriageRunner {

    /** The most output lines one step keeps. */
    static final int MAX_LINES = 2_000;

    private final CommandPolicy policy;
    private final AuditLog audit;
    private final ToolCall call;
    private final CrashSession session;
    private final Duration timeout;

    public TriageRunner(CommandPolicy policy, AuditLog audit, ToolCall call, CrashSession session, Duration timeout) {
        this.policy = requireNonNull(policy, "policy is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.call = requireNonNull(call, "call is null");
        this.session = requireNonNull(session, "session is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** Runs {@code line} (a crash command, optionally with server filters such as {@code | tail -n 200}). */
    public StepOutput run(String line) {
        if (call.cancellation().isCancelled()) {
            return StepOutput.failed(line, "skipped", "'" + line + "' was not run: the call was cancelled");
        }
        Verdict verdict = policy.check(line);
        if (!verdict.allowed()) {
            audit(line, verdict, null, "refused");
            return StepOutput.failed(line, "refused", "'" + line + "' was refused by the command policy: "
                    + verdict.reason());
        }
        List<String> kept = new ArrayList<>();
        LineSink sink = verdict.filter().open(text -> {
            if (kept.size() < MAX_LINES) {
                kept.add(text);
            }
        });
        Reply reply;
        try {
            reply = session.execute(verdict.crashCommand(), sink, timeout, call.cancellation(),
                    CrashSession.BUSY_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while waiting for crash");
        } catch (RuntimeException e) {
            audit(line, verdict, null, e.getMessage());
            return StepOutput.failed(line, "failed", "'" + line + "' failed: " + e.getMessage());
        }
        sink.end();
        audit(line, verdict, reply, null);
        String status = reply.ending().name().toLowerCase(Locale.ROOT);
        session.transcript().record("crash_triage", verdict.asRun(), status, transcribed(kept));
        Optional<String> problem = switch (reply.ending()) {
            case COMPLETED -> Optional.empty();
            case TIMED_OUT -> Optional.of("'" + line + "' ran past " + timeout.toSeconds() + " s and was interrupted; "
                    + "its output is partial");
            case CANCELLED -> Optional.of("'" + line + "' was interrupted because the call was cancelled");
            case SESSION_ENDED -> Optional.of("crash ended while running '" + line + "': "
                    + session.endReason().orElse(reply.endReason().orElse("crash exited")));
        };
        return new StepOutput(line, status, kept, reply.elapsed().toMillis(), problem);
    }

    private static String transcribed(List<String> kept) {
        String text = kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
        return kept.size() < MAX_LINES ? text : text + "[crash_triage keeps the first " + MAX_LINES + " lines]\n";
    }

    private void audit(String line, Verdict verdict, Reply reply, String error) {
        audit.record(CommandAudit.event("crash_triage", call.callerId(), session.id(),
                session.info().dumpName(), line, verdict, reply, error));
    }
}
