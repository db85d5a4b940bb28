package io.dynamicmcp.crash.triage;

import io.dynamicmcp.crash.session.SessionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns the outputs of the triage commands into the structured summary and its readable digest. */
public final class TriageReport {

    /** The commands of the first pass, in the order they run. */
    public static final List<String> COMMANDS = List.of("sys", "bt", "log | tail -n 200", Modules.LOAD_ORDER_COMMAND,
            "mod -t", "p tainted_mask", "kmem -i");

    private static final int DIGEST_FRAMES = 8;
    private static final int DIGEST_LOG_LINES = 8;

    private final SessionInfo session;
    private final boolean reused;
    private final Map<String, StepOutput> steps;
    private final List<String> problems = new ArrayList<>();

    /** @param steps each command of {@link #COMMANDS} to what it gave */
    public TriageReport(SessionInfo session, boolean reused, Map<String, StepOutput> steps) {
        this.session = session;
        this.reused = reused;
        this.steps = Map.copyOf(steps);
    }

    /** The structured summary, with the digest under {@code digest}. */
    public Map<String, Object> build() {
        COMMANDS.forEach(c -> steps.get(c).problem().ifPresent(problems::add));
        SysReport sys = SysReport.parse(lines("sys"));
        Backtrace bt = Backtrace.parse(lines("bt"));
        List<String> logTail = lines("log | tail -n 200");
        List<String> beforePanic = KernelLog.beforePanic(logTail);
        List<String> loaded = Modules.inLoadOrder(lines(Modules.LOAD_ORDER_COMMAND));
        List<Modules.TaintedModule> tainted = Modules.tainted(lines("mod -t"));
        Map<String, Object> memory = MemorySummary.parse(lines("kmem -i"));
        Optional<String> panic = sys.panic().or(() -> session.panic());
        Map<String, Object> taint = taint(logTail);
        check(sys, panic, bt, memory);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session_id", session.id());
        out.put("dump", session.dumpName());
        out.put("release", session.release());
        out.put("reused_session", reused);
        out.put("panic", panic.orElse(null));
        out.put("system", sys.fields());
        out.put("task", bt.task().map(TriageReport::task).orElse(null));
        out.put("frames", bt.frameMaps());
        out.put("exception_rips", bt.exceptionRips());
        out.put("taint", taint);
        out.put("modules", loaded);
        out.put("tainted_modules", tainted.stream().map(Modules.TaintedModule::toMap).toList());
        out.put("log_before_panic", beforePanic);
        out.put("memory", memory);
        out.put("commands", COMMANDS.stream().map(c -> command(steps.get(c))).toList());
        out.put("problems", List.copyOf(problems));
        out.put("digest", TriageDigest.write(out, bt, tainted, DIGEST_FRAMES, DIGEST_LOG_LINES));
        return out;
    }

    private List<String> lines(String command) {
        return steps.get(command).lines();
    }

    private Map<String, Object> taint(List<String> logTail) {
        Map<String, Object> taint = new LinkedHashMap<>();
        OptionalLong mask = steps.get("p tainted_mask").completed()
                ? TaintFlags.parseMask(lines("p tainted_mask")) : OptionalLong.empty();
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
        if (steps.get("sys").completed() && panic.isEmpty()) {
            problems.add("sys shows no panic string: the dump may have been taken without a panic (e.g. on demand)");
        }
        if (steps.get("bt").completed() && bt.frames().isEmpty()) {
            problems.add("bt showed no stack frames" + (bt.errors().isEmpty() ? "" : ": " + String.join("; ", bt.errors())));
        } else if (!bt.errors().isEmpty()) {
            problems.add("bt reported: " + String.join("; ", bt.errors()));
        }
        if (steps.get("bt").completed() && bt.task().isEmpty()) {
            problems.add("bt showed no task header (PID/TASK/CPU/COMMAND)");
        }
        if (steps.get(Modules.LOAD_ORDER_COMMAND).completed() && Modules.inLoadOrder(lines(Modules.LOAD_ORDER_COMMAND)).isEmpty()) {
            problems.add("the kernel's module list gave no names: " + String.join(" ", lines(Modules.LOAD_ORDER_COMMAND)).strip());
        }
        if (steps.get("mod -t").completed() && !Modules.understood(lines("mod -t"))) {
            problems.add("'mod -t' output not understood: " + String.join(" ", lines("mod -t")).strip());
        }
        if (steps.get("kmem -i").completed() && memory.isEmpty()) {
            problems.add("'kmem -i' output not understood: " + String.join(" ", lines("kmem -i")).strip());
        }
        if (sys.fields().isEmpty() && steps.get("sys").completed()) {
            problems.add("'sys' output not understood: " + String.join(" ", lines("sys")).strip());
        }
    }

    private static Map<String, Object> task(Backtrace.Task task) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pid", task.pid());
        map.put("command", task.command());
        map.put("cpu", task.cpu());
        map.put("task_address", task.address());
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
