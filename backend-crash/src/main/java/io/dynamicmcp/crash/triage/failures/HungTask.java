package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.session.OldCrash;
import io.dynamicmcp.crash.triage.Backtrace;
import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FailureKind;
import io.dynamicmcp.crash.triage.Findings;
import io.dynamicmcp.crash.triage.Incident;
import io.dynamicmcp.crash.triage.KernelLog;
import io.dynamicmcp.crash.triage.LogTrace;
import io.dynamicmcp.crash.triage.StackFrame;
import io.dynamicmcp.crash.triage.StepOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code INFO: task dmz_zoo_waiter:107 blocked for more than 5 seconds.}, fatal with {@code hung_task_panic}: the
 * blocked tasks and their stacks from crash ({@code foreach UN bt}), else from the hung-task report in the log
 * (crash before 8.0.4 cannot see sleeping tasks on recent kernels).
 */
final class HungTask implements FailureKind {

    static final String COMMAND = "foreach UN bt";
    private static final Pattern REPORT = Pattern.compile("INFO: task (.+):(\\d+) blocked for more than (\\d+) seconds");
    private static final Set<String> FRAMES = Set.of("check_hung_uninterruptible_tasks", "check_hung_task");
    private static final Set<String> WAITING = Set.of("schedule", "__schedule", "schedule_timeout",
            "schedule_preempt_disabled", "schedule_hrtimeout_range", "schedule_hrtimeout_range_clock", "io_schedule",
            "io_schedule_timeout", "__wait_for_common", "wait_for_common", "wait_for_common_io", "bit_wait",
            "bit_wait_io", "__wait_on_bit", "__wait_on_bit_lock", "out_of_line_wait_on_bit",
            "out_of_line_wait_on_bit_lock", "folio_wait_bit_common", "folio_wait_bit", "__folio_lock",
            "wait_on_page_bit_common", "__lock_page", "rt_mutex_slowlock", "msleep", "usleep_range_state",
            "wait_woken", "synchronize_rcu", "__synchronize_srcu", "__wait_rcu_gp", "synchronize_rcu_expedited",
            "__flush_work", "flush_work", "__flush_workqueue", "down", "__down", "__down_common", "kthread_park");
    private static final Set<String> WAITING_PREFIXES = Set.of("wait_for_completion", "mutex_lock", "__mutex_lock",
            "rwsem_down_", "__rwsem_", "down_read", "down_write", "__down_", "percpu_down", "__percpu_down",
            "percpu_rwsem_wait");
    private static final int SHOWN = 5;

    @Override
    public FailureClass failureClass() {
        return FailureClass.HUNG_TASK;
    }

    @Override
    public boolean startsReport(String line) {
        return REPORT.matcher(line).find();
    }

    @Override
    public boolean panicsWith(String message) {
        return message.startsWith("hung_task: blocked tasks");
    }

    @Override
    public boolean shownBy(Backtrace bt) {
        return Functions.any(bt, FRAMES) || bt.task().map(t -> t.command().equals("khungtaskd")).orElse(false)
                && bt.functions().stream().anyMatch(f -> Functions.base(f).equals("panic"));
    }

    @Override
    public boolean machinery(String function) {
        String base = Functions.base(function);
        return WAITING.contains(base) || WAITING_PREFIXES.stream().anyMatch(base::startsWith);
    }

    @Override
    public List<String> followUps(Incident incident) {
        return List.of(COMMAND);
    }

    /** One blocked task: who, and its stack (innermost first). */
    record Blocked(long pid, String command, List<StackFrame> stack, String source) {
    }

    @Override
    public Optional<List<StackFrame>> culpritStack(Incident incident, Map<String, StepOutput> outputs) {
        Optional<Blocked> first = blocked(incident, outputs).stream().findFirst();
        // the log's stack of that task where it has one: the kernel's own names, the same with any crash
        Optional<List<StackFrame>> logged = first.flatMap(task -> fromLog(incident.log(), incident.reportEnd()).stream()
                .filter(b -> b.pid() == task.pid() && !b.stack().isEmpty()).findFirst()).map(Blocked::stack);
        return logged.or(() -> first.map(Blocked::stack));
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        List<Blocked> fromCrash = fromCrash(outputs);
        List<Blocked> all = blocked(incident, outputs);
        if (fromCrash.isEmpty() && !all.isEmpty()) {
            findings.problem(incident.seesSleepingTasks()
                    ? "'" + COMMAND + "' shows no task in D state; the blocked tasks and their stacks come from the "
                            + "kernel log's hung-task report"
                    : "blocked tasks cannot be seen with crash " + incident.crashVersion() + " (older than "
                            + OldCrash.FIXED_IN + ", it does not see sleeping tasks on this kernel): the blocked tasks "
                            + "and their stacks come from the kernel log's hung-task report");
        } else if (all.isEmpty()) {
            findings.problem("no blocked task found: '" + COMMAND + "' shows none and the log names none");
        }
        List<Map<String, Object>> tasks = new ArrayList<>();
        findings.digest("Blocked (D state) tasks: " + all.size() + (all.isEmpty() ? ""
                : fromCrash.isEmpty() ? " (from the kernel log)" : " (from '" + COMMAND + "')"));
        for (Blocked task : all) {
            Optional<StackFrame> waitsIn = waitsIn(task.stack());
            Optional<StackFrame> sleepsIn = sleepsIn(task.stack(), waitsIn);
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("pid", task.pid());
            map.put("command", task.command());
            map.put("waits_in", waitsIn.map(StackFrame::function).orElse(null));
            map.put("waits_in_module", waitsIn.flatMap(StackFrame::module).orElse(null));
            map.put("sleeps_in", sleepsIn.map(StackFrame::function).orElse(null));
            map.put("frames", task.stack().stream().filter(StackFrame::reliable).map(StackFrame::name).toList());
            map.put("source", task.source());
            tasks.add(map);
            if (tasks.size() <= SHOWN) {
                findings.digest("  PID " + task.pid() + " \"" + task.command() + "\" waits in "
                        + waitsIn.map(StackFrame::name).orElse("?")
                        + sleepsIn.map(s -> " (sleeping in " + s.function() + ")").orElse(""));
            }
        }
        findings.put("blocked_tasks", tasks);
        incident.reportLine().ifPresent(findings::evidence);
    }

    private List<Blocked> blocked(Incident incident, Map<String, StepOutput> outputs) {
        List<Blocked> all = new ArrayList<>(fromCrash(outputs));
        for (Blocked logged : fromLog(incident.log(), incident.reportEnd())) {
            if (all.stream().noneMatch(b -> b.pid() == logged.pid())) {
                all.add(logged);
            }
        }
        return all;
    }

    private static List<Blocked> fromCrash(Map<String, StepOutput> outputs) {
        StepOutput step = outputs.get(COMMAND);
        if (step == null) {
            return List.of();
        }
        List<Blocked> tasks = new ArrayList<>();
        for (Backtrace bt : Backtrace.parseAll(step.lines())) {
            bt.task().ifPresent(t -> tasks.add(new Blocked(t.pid(), t.command(), bt.stack(), "crash")));
        }
        return tasks;
    }

    /** Each {@code INFO: task X:N blocked} of the log before {@code end}, with the call trace printed after it. */
    static List<Blocked> fromLog(KernelLog log, int end) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < Math.min(end, log.size()); i++) {
            if (REPORT.matcher(log.line(i)).find()) {
                starts.add(i);
            }
        }
        List<Blocked> tasks = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            Matcher m = REPORT.matcher(log.line(starts.get(k)));
            m.find();
            int to = k + 1 < starts.size() ? starts.get(k + 1) : end;
            long pid = Long.parseLong(m.group(2));
            if (tasks.stream().noneMatch(t -> t.pid() == pid)) {
                tasks.add(new Blocked(pid, m.group(1), LogTrace.firstTrace(log, starts.get(k), to), "log"));
            }
        }
        return tasks;
    }

    /** The first reliable frame in a module, else the first one that is not a wait primitive. */
    private Optional<StackFrame> waitsIn(List<StackFrame> stack) {
        return stack.stream().filter(StackFrame::reliable).filter(StackFrame::inModule).findFirst()
                .or(() -> stack.stream().filter(StackFrame::reliable).filter(f -> !machinery(f.function())).findFirst());
    }

    /** The outermost wait primitive below {@code waitsIn}: what the task sleeps in (mutex_lock, wait_for_completion). */
    private Optional<StackFrame> sleepsIn(List<StackFrame> stack, Optional<StackFrame> waitsIn) {
        StackFrame last = null;
        for (StackFrame frame : stack) {
            if (waitsIn.isPresent() && frame.equals(waitsIn.get())) {
                break;
            }
            if (frame.reliable() && machinery(frame.function())) {
                last = frame;
            }
        }
        return Optional.ofNullable(last);
    }

    @Override
    public List<String> nextSteps() {
        return List.of("for each blocked task, find what it waits for: the lock or completion in its frames "
                        + "('bt -f <pid>', then 'struct mutex <address>' and the owner's 'bt <pid>')",
                "crash_command 'foreach UN bt' for every task in D state; group them by where they wait",
                "for I/O waits, crash_command 'log | grep -i \"error\\|timeout\\|reset\"' for storage errors");
    }
}
