package io.dynamicmcp.crash.triage;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.policy.CommandPolicy;
import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.SessionStarter;
import io.dynamicmcp.crash.session.SessionTargets;
import io.dynamicmcp.crash.signature.KnownSignature;
import io.dynamicmcp.crash.signature.SignatureComputer;
import io.dynamicmcp.crash.triage.failures.FailureKinds;
import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.AuditLog;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.LogLevel;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * crash_triage without a client, for {@code group_crash_dumps}: the server opens the dump in a crash process of its own
 * (started as a client's session is, {@link SessionTargets}, but never listed among the clients' sessions), runs the
 * same triage (the same commands under the same command policy, each audited with the caller {@value #CALLER}),
 * takes the class, culprit and signature, and closes crash. {@link #close()} stops a triage under way.
 */
public final class BackgroundTriage implements SignatureComputer {

    /** The caller the audit log names for the server's own triage. */
    public static final String CALLER = "server:group_crash_dumps";

    private final Optional<SessionStarter> starter;
    private final SessionTargets targets;
    private final CommandPolicy policy;
    private final AuditLog audit;
    private final Duration loadTimeout;
    private final Duration stepTimeout;
    private final CallCancellation.Trigger stop = CallCancellation.trigger();

    /**
     * @param starter how crash starts; empty when crash is not installed
     * @param loadTimeout how long crash may take to load a dump
     * @param stepTimeout how long one triage command may run
     */
    public BackgroundTriage(Optional<SessionStarter> starter, SessionTargets targets, CommandPolicy policy,
            AuditLog audit, Duration loadTimeout, Duration stepTimeout) {
        this.starter = requireNonNull(starter, "starter is null");
        this.targets = requireNonNull(targets, "targets is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.loadTimeout = requireNonNull(loadTimeout, "loadTimeout is null");
        this.stepTimeout = requireNonNull(stepTimeout, "stepTimeout is null");
    }

    @Override
    public Optional<String> unavailable() {
        return starter.isPresent() ? Optional.empty() : Optional.of("the crash utility was not found; "
                + CrashBinary.INSTALL_HINT);
    }

    @Override
    @SuppressWarnings("unchecked")
    public KnownSignature compute(DumpFile dump) throws InterruptedException {
        SessionStarter crash = starter.orElseThrow(() -> new ToolException(unavailable().orElseThrow()));
        SessionTargets.Prepared prepared = targets.prepare(dump, stop, message -> { });
        String id = "bg-" + HexFormat.of().formatHex(RandomBytes.next(16));
        CrashSession session = crash.start(id, CALLER, prepared.target(), loadTimeout, stop, (phase, detail, s) -> { });
        try {
            targets.opened(prepared, session.info().moduleSymbols());
            TriageRunner runner = new TriageRunner(policy, audit, new ServerCall(dump.name(), stop), session,
                    stepTimeout);
            Map<String, Object> summary = new Triage(FailureKinds.classifier()).run(session.info(), false, runner::run,
                    (done, expected, message) -> { });
            Map<String, Object> culprit = (Map<String, Object>) summary.get("culprit");
            Optional<String> named = Optional.ofNullable(culprit).map(c -> c.get("function")
                    + (c.get("module") == null ? "" : " [" + c.get("module") + "]"));
            String signature = (String) ((Map<String, Object>) summary.get("signature")).get("id");
            return new KnownSignature(signature, (String) summary.get("class"), named);
        } finally {
            session.close();
        }
    }

    /** Stops a triage under way: its crash commands are interrupted and its crash process ends. Idempotent. */
    @Override
    public void close() {
        stop.cancel(CallCancellation.Reason.SHUTDOWN);
    }

    /** The server's own call, for the triage runner: no arguments, no client to tell of progress. */
    private record ServerCall(String dumpName, CallCancellation cancellation) implements ToolCall {

        @Override
        public String toolName() {
            return "group_crash_dumps";
        }

        @Override
        public Arguments arguments() {
            return new Arguments(Map.of("dump_name", dumpName));
        }

        @Override
        public String callerId() {
            return CALLER;
        }

        @Override
        public void progress(double progress, Double total, String message) {
        }

        @Override
        public void log(LogLevel level, String message) {
        }
    }
}
