package io.dynamicmcp.crash.triage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the first pass shows about one panic: its class and where that was read, the report's first line and the
 * panic line, and the parts of the kernel log's report (the task, the RIP, the call traces) the follow-ups and the
 * culprit are read from.
 *
 * @param basis where the class was read: {@code log}, {@code sys}, {@code bt} or {@code none}
 * @param reportIndex the report line's index in the log, or -1
 * @param seesSleepingTasks false when this crash cannot list sleeping tasks (older than 8.0.4 on recent kernels)
 * @param crashVersion the crash that read the dump
 */
public record Incident(FailureKind kind, String basis, Optional<String> reportLine, int reportIndex,
        Optional<String> panicLine, KernelLog log, Backtrace bt, Optional<String> sysPanic, boolean seesSleepingTasks,
        String crashVersion) {

    private static final Pattern TASK_LINE = Pattern.compile(
            "\\bCPU: (\\d+) (?:UID: \\d+ )?PID: (\\d+) Comm: (\\S+)(?:.*?(?:(Not tainted)|Tainted: ([A-Z ]+?))\\s+\\d)?");

    /** The task a report's {@code CPU: 1 PID: 103 Comm: insmod Tainted: G  OE ...} line names. */
    public record LoggedTask(int cpu, long pid, String command, Optional<String> taint) {
    }

    public Incident {
        requireNonNull(kind, "kind is null");
        requireNonNull(basis, "basis is null");
        requireNonNull(reportLine, "reportLine is null");
        requireNonNull(panicLine, "panicLine is null");
        requireNonNull(log, "log is null");
        requireNonNull(bt, "bt is null");
        requireNonNull(sysPanic, "sysPanic is null");
        requireNonNull(crashVersion, "crashVersion is null");
    }

    public FailureClass failureClass() {
        return kind.failureClass();
    }

    /** Where the report before the panic starts: its first line, or the panic line when there is no report. */
    public int reportStart() {
        return reportIndex >= 0 ? reportIndex : log.panicOrEnd();
    }

    /** The lines of the report: from its first line to the panic line (or the end of the log). */
    public int reportEnd() {
        return log.panicOrEnd();
    }

    /** The frames of the report's call trace (between its first line and the panic); empty when it has none. */
    public List<StackFrame> reportTrace() {
        return reportIndex < 0 ? List.of() : LogTrace.firstTrace(log, reportIndex, reportEnd());
    }

    /** The frames of the stack panic() printed after its own line. */
    public List<StackFrame> panicTrace() {
        return log.panicIndex().isPresent()
                ? LogTrace.firstTrace(log, log.panicIndex().getAsInt() + 1, log.size()) : List.of();
    }

    /** The report's kernel-mode RIP from the log, with its module; else crash's exception RIP (without one). */
    public Optional<StackFrame> rip() {
        if (reportIndex >= 0) {
            Optional<StackFrame> logged = LogTrace.kernelRip(log, reportIndex, reportEnd());
            if (logged.isPresent()) {
                return logged;
            }
        }
        return bt.kernelException().flatMap(Backtrace.ExceptionFrame::symbol);
    }

    /** The faulting instruction's address as crash read it from the exception frame. */
    public Optional<String> ripAddress() {
        return bt.kernelException().flatMap(Backtrace.ExceptionFrame::rip);
    }

    /** The report's {@code CPU: N PID: N Comm: X} line, else the one panic() printed. */
    public Optional<LoggedTask> loggedTask() {
        int from = reportStart();
        for (int i = from; i < log.size(); i++) {
            Matcher m = TASK_LINE.matcher(log.line(i));
            if (m.find()) {
                return Optional.of(new LoggedTask(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), m.group(3),
                        m.group(4) != null ? Optional.of("")
                                : Optional.ofNullable(m.group(5)).map(t -> t.replace(" ", "").replace("G", ""))));
            }
        }
        return Optional.empty();
    }

    /** The first line in the report (or, with {@code afterPanic}, after it) matching {@code pattern}. */
    public Optional<Matcher> find(Pattern pattern, boolean afterPanic) {
        int from = afterPanic ? log.panicOrEnd() : reportStart();
        int to = afterPanic ? log.size() : reportEnd();
        for (int i = Math.max(0, from); i < Math.min(to, log.size()); i++) {
            Matcher m = pattern.matcher(log.line(i));
            if (m.find()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
