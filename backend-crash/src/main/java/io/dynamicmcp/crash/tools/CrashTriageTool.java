package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.policy.CommandPolicy;
import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.crash.triage.StepOutput;
import io.dynamicmcp.crash.triage.TriageReport;
import io.dynamicmcp.crash.triage.TriageRunner;
import io.dynamicmcp.spi.AuditLog;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code crash_triage}: the first pass an experienced kernel engineer runs on a dump ({@code sys}, {@code bt},
 * the tail of {@code log}, the module list, {@code mod -t}, {@code p tainted_mask}, {@code kmem -i}) in one session,
 * summarised.
 */
public final class CrashTriageTool {

    private static final long DEFAULT_STEP_TIMEOUT = 60;

    private final DumpChooser dumps;
    private final SessionOpener opener;
    private final SessionRegistry sessions;
    private final CommandPolicy policy;
    private final AuditLog audit;
    private final Duration defaultStepTimeout;
    private final Duration defaultLoadTimeout;

    /**
     * @param commandTimeout the longest a command may run by default; a step's default is this, at most a minute
     * @param loadTimeout how long crash may take to load a dump when the call gives no load_timeout
     */
    public CrashTriageTool(DumpChooser dumps, SessionOpener opener, SessionRegistry sessions, CommandPolicy policy,
            AuditLog audit, Duration commandTimeout, Duration loadTimeout) {
        this.dumps = requireNonNull(dumps, "dumps is null");
        this.opener = requireNonNull(opener, "opener is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.defaultStepTimeout = Duration.ofSeconds(Math.min(DEFAULT_STEP_TIMEOUT, commandTimeout.toSeconds()));
        this.defaultLoadTimeout = requireNonNull(loadTimeout, "loadTimeout is null");
    }

    public Tool tool() {
        return Tool.builder("crash_triage")
                .title("Triage a kernel crash dump")
                .description("The first call after a kernel crash: opens a crash session on the dump (or reuses "
                        + "your open session on it) and runs the first pass an experienced kernel engineer runs "
                        + "- sys, bt of the panicking task, the tail of log, the module list, mod -t, p tainted_mask, "
                        + "kmem -i - "
                        + "returning the panic message, the panicking task (pid, command, cpu), the backtrace frames, "
                        + "decoded taint flags, the modules in load order, tainted (out-of-tree/unsigned) modules, the "
                        + "kernel log lines before "
                        + "the panic and a memory summary, plus a short digest. A step that fails is listed under "
                        + "'problems' and the rest is still reported. Use it once per dump to orient yourself; then "
                        + "dig deeper with crash_command in the returned session. Not for a single specific command "
                        + "(use crash_command) and not for the live system (use the bpftrace tools).")
                .inputSchema(JsonSchema.object()
                        .property("dump_name", JsonSchema.string().maxLength(4096)
                                .description("The dump to triage, as list_crash_dumps names it. Default: the newest "
                                        + "dump. Leave out when you pass session_id."))
                        .property("session_id", JsonSchema.string().maxLength(64)
                                .description("Triage the dump of this open session (from start_crash_session) "
                                        + "instead of choosing one by dump_name"))
                        .property("timeout", JsonSchema.integer().minimum(1).maximum(3600)
                                .defaultValue(defaultStepTimeout.toSeconds())
                                .description("Seconds each command may run before it is interrupted"))
                        .property("load_timeout", JsonSchema.integer().minimum(1).maximum(3600)
                                .defaultValue(defaultLoadTimeout.toSeconds())
                                .description("Seconds to wait for crash to load the dump when a new session is needed"))
                        .build())
                .outputSchema(TriageSchema.output())
                .annotations(new ToolAnnotations(false, false, true, false))
                .handler(this::triage)
                .build();
    }

    private ToolResult triage(ToolCall call) {
        Optional<String> sessionId = call.arguments().string("session_id");
        Optional<String> dumpName = call.arguments().string("dump_name");
        Duration stepTimeout = Duration.ofSeconds(call.arguments().integer("timeout", defaultStepTimeout.toSeconds(), 1,
                3600));
        Duration loadTimeout = Duration.ofSeconds(call.arguments().integer("load_timeout",
                defaultLoadTimeout.toSeconds(), 1, 3600));
        if (sessionId.isPresent() && dumpName.isPresent()) {
            throw new ToolException("pass dump_name or session_id, not both: a session is already on its dump");
        }
        CrashSession session;
        boolean reused;
        if (sessionId.isPresent()) {
            session = sessions.find(call.callerId(), sessionId);
            reused = true;
        } else {
            DumpFile dump = dumps.choose(dumpName);
            Optional<CrashSession> open = sessions.sessionsOf(call.callerId()).stream()
                    .filter(s -> s.info().dumpName().equals(dump.name()))
                    .reduce((first, second) -> second);
            reused = open.isPresent();
            session = open.orElseGet(() -> opener.open(call, dump, loadTimeout));
        }
        TriageRunner runner = new TriageRunner(policy, audit, call, session, stepTimeout);
        Map<String, StepOutput> steps = new LinkedHashMap<>();
        List<String> commands = TriageReport.COMMANDS;
        for (int i = 0; i < commands.size(); i++) {
            call.progress(i, (double) commands.size(), "running '" + commands.get(i) + "'");
            steps.put(commands.get(i), runner.run(commands.get(i)));
        }
        Map<String, Object> summary = new TriageReport(session.info(), reused, steps).build();
        return ToolResult.success((String) summary.get("digest"), summary);
    }
}
