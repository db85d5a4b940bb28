package io.dynamicmcp.crash.triage;

import io.dynamicmcp.crash.session.OldCrash;
import io.dynamicmcp.crash.session.SessionInfo;
import io.dynamicmcp.crash.symbols.ModuleDebugInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns the outputs of the triage commands and the diagnosis into the structured summary and its digest. */
public final class TriageReport {

    /** The tail of the kernel log the first pass reads: enough for an OOM report with its task list. */
    public static final String LOG_COMMAND = "log | tail -n 2000";

    /** The commands of the first pass, in the order they run. */
    /** crash's older, stack-scanning unwinder: run when the default one stops inside the panic machinery. */
    static final String OLD_UNWINDER = "bt -o";

    public static final List<String> COMMANDS = List.of("sys", "bt", LOG_COMMAND, Modules.LIST_COMMAND,
            Modules.TABLE_COMMAND, "mod -t", "p tainted_mask", "kmem -i");

    private final SessionInfo session;
    private final boolean reused;
    private final Map<String, StepOutput> steps;
    private final List<String> problems = new ArrayList<>();

    /** @param steps every command run, first pass first, to what it gave */
    public TriageReport(SessionInfo session, boolean reused, Map<String, StepOutput> steps) {
        this.session = session;
        this.reused = reused;
        this.steps = new LinkedHashMap<>(steps);
    }

    /** The structured summary, with the digest under {@code digest}. */
    public Map<String, Object> build(Diagnosis diagnosis) {
        steps.values().forEach(s -> s.problem().ifPresent(problems::add));
        SysReport sys = SysReport.parse(lines("sys"));
        Backtrace bt = diagnosis.incident().bt();
        List<String> logTail = lines(LOG_COMMAND);
        List<String> loaded = Modules.inLoadOrder(lines(Modules.LIST_COMMAND), lines(Modules.TABLE_COMMAND));
        List<Modules.TaintedModule> tainted = Modules.tainted(lines("mod -t"));
        Map<String, Object> memory = MemorySummary.parse(lines("kmem -i"));
        Optional<String> panic = sys.panic().or(session::panic);
        Map<String, Object> taint = taint(logTail);
        taint.put("at_report", diagnosis.incident().loggedTask().flatMap(Incident.LoggedTask::taint).orElse(null));
        check(sys, panic, bt, memory);
        problems.addAll(diagnosis.findings().problems());
        OldCrash.warning(session).ifPresent(problems::add);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session_id", session.id());
        out.put("dump", session.dumpName());
        out.put("release", session.release());
        out.put("crash_version", session.crashVersion());
        out.put("reused_session", reused);
        out.put("class", diagnosis.incident().failureClass().wireName());
        out.put("class_meaning", diagnosis.incident().failureClass().meaning());
        out.put("classified_from", diagnosis.incident().basis());
        out.put("report_line", diagnosis.incident().reportLine().orElse(null));
        out.put("panic_line", diagnosis.incident().panicLine().orElse(null));
        out.put("panic", panic.orElse(null));
        out.put("culprit", diagnosis.culprit().orElse(null));
        out.put("signature", diagnosis.signature().toMap());
        out.put("evidence", diagnosis.evidence());
        out.put("findings", diagnosis.findings().details());
        out.put("next_steps", diagnosis.incident().kind().nextSteps());
        out.put("system", sys.fields());
        out.put("task", task(bt, diagnosis.incident()));
        out.put("frames", bt.frameMaps());
        out.put("exception_rips", bt.exceptionRips());
        out.put("taint", taint);
        out.put("modules", loaded);
        out.put("tainted_modules", tainted.stream().map(Modules.TaintedModule::toMap).toList());
        out.put("module_symbols", session.moduleSymbols().stream().map(ModuleDebugInfo::toMap).toList());
        out.put("log_before_panic", KernelLog.beforePanic(logTail));
        out.put("memory", memory);
        out.put("commands", steps.values().stream().map(TriageReport::command).toList());
        out.put("problems", List.copyOf(problems));
        out.put("digest", TriageDigest.write(out, bt, tainted, diagnosis));
        return out;
    }

    private List<String> lines(String command) {
        StepOutput step = steps.get(command);
        return step == null ? List.of() : step.lines();
    }

    private boolean completed(String command) {
        StepOutput step = steps.get(command);
        return step != null && step.completed();
    }

    private Map<String, Object> taint(List<String> logTail) {
        Map<String, Object> taint = new LinkedHashMap<>();
        OptionalLong mask = completed("p tainted_mask") ? TaintFlags.parseMask(lines("p tainted_mask")) : OptionalLong.empty();
        Optional<String> logLetters = TaintFlags.lettersInLog(logTail);
        List<TaintFlags.Flag> flags;
        String source;
        if (mask.isPresent()) {
            flags = TaintFlags.decode(mask.getAsLong());
            source = "tainted_mask";
        } else if (logLetters.isPresent()) {
            flags = TaintFlags.decodeLetters(logLetters.get());
            source = "log";
            problems.add("'p tainted_mask' gave no value; taint flags come from the kernel log's Tainted: line");
        } else {
            flags = List.of();
            source = "unknown";
            problems.add("taint unknown: 'p tainted_mask' gave no value and the log tail has no Tainted: line");
        }
        taint.put("mask", mask.isPresent() ? mask.getAsLong() : null);
        taint.put("letters", TaintFlags.letters(flags));
        taint.put("tainted", !flags.isEmpty());
        taint.put("flags", flags.stream().map(TaintFlags.Flag::toMap).toList());
        taint.put("source", source);
        return taint;
    }

    private void check(SysReport sys, Optional<String> panic, Backtrace bt, Map<String, Object> memory) {
        if (completed("sys") && panic.isEmpty()) {
            problems.add("sys shows no panic string: the dump may have been taken without a panic (e.g. on demand)");
        }
        if (completed("bt") && bt.frames().isEmpty()) {
            problems.add("bt showed no stack frames" + (bt.errors().isEmpty() ? "" : ": " + String.join("; ", bt.errors())));
        } else if (!bt.errors().isEmpty()) {
            problems.add("bt reported: " + String.join("; ", bt.errors()));
        }
        if (completed(OLD_UNWINDER) && bt.equals(Backtrace.parse(lines(OLD_UNWINDER)))) {
            problems.add("crash's default unwinder lost the panic's caller (it stopped inside the panic machinery or "
                    + "skipped the frames below panic); the frames are from 'bt -o' (its older, stack-scanning "
                    + "unwinder), which can also list stale return addresses");
        }
        if (completed("bt") && bt.task().isEmpty()) {
            problems.add("bt showed no task header (PID/TASK/CPU/COMMAND)");
        }
        if (completed(Modules.LIST_COMMAND) && completed(Modules.TABLE_COMMAND)) {
            int listed = Modules.listed(lines(Modules.LIST_COMMAND)).size();
            int named = Modules.inLoadOrder(lines(Modules.LIST_COMMAND), lines(Modules.TABLE_COMMAND)).size();
            if (listed == 0 && !Modules.inTable(lines(Modules.TABLE_COMMAND)).isEmpty()) {
                problems.add("the kernel's module list gave no modules: "
                        + String.join(" ", lines(Modules.LIST_COMMAND)).strip());
            } else if (named < listed) {
                problems.add((listed - named) + " of the " + listed + " modules in the kernel's list are not in crash's "
                        + "module table ('mod'), so they are left out of 'modules'");
            }
        }
        if (completed("mod -t") && !Modules.understood(lines("mod -t"))) {
            problems.add("'mod -t' output not understood: " + String.join(" ", lines("mod -t")).strip());
        }
        if (completed("kmem -i") && memory.isEmpty()) {
            problems.add("'kmem -i' output not understood: " + String.join(" ", lines("kmem -i")).strip());
        }
        if (sys.fields().isEmpty() && completed("sys")) {
            problems.add("'sys' output not understood: " + String.join(" ", lines("sys")).strip());
        }
    }

    /** The panicking task from bt's header, else from the log's {@code CPU: N PID: N Comm: X} line. */
    private static Map<String, Object> task(Backtrace bt, Incident incident) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (bt.task().isPresent()) {
            Backtrace.Task task = bt.task().get();
            map.put("pid", task.pid());
            map.put("command", task.command());
            map.put("cpu", task.cpu());
            map.put("task_address", task.address());
            map.put("source", "bt");
            return map;
        }
        Optional<Incident.LoggedTask> logged = incident.loggedTask();
        if (logged.isEmpty()) {
            return null;
        }
        map.put("pid", logged.get().pid());
        map.put("command", logged.get().command());
        map.put("cpu", logged.get().cpu());
        map.put("task_address", null);
        map.put("source", "log");
        return map;
    }

    private static Map<String, Object> command(StepOutput step) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("command", step.command());
        map.put("status", step.status());
        map.put("lines", step.lines().size());
        map.put("duration_ms", step.durationMillis());
        return map;
    }
}
