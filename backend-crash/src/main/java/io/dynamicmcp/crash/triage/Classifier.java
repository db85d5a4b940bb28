package io.dynamicmcp.crash.triage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Names the class of a panic from the evidence, in this order: the kernel log (the panic line's message, else the
 * nearest report line before it), crash's {@code sys} PANIC string, the panicking task's backtrace. The first kind
 * (in the order given) that claims the evidence wins; a generic {@code oops} line ({@code Oops:},
 * {@code invalid opcode:}) yields to a more specific report line just above it (in the log) or to what the backtrace
 * shows (for a sys PANIC string, which crash before 8.0.3 takes from the oops line).
 */
public final class Classifier {

    /** How far above a generic oops line a more specific report line is looked for. */
    static final int OOPS_LOOKBACK = 8;

    private final List<FailureKind> kinds;
    private final FailureKind unknown;

    /** @param kinds every kind but {@code unknown}, most specific first */
    public Classifier(List<FailureKind> kinds, FailureKind unknown) {
        this.kinds = List.copyOf(requireNonNull(kinds, "kinds is null"));
        this.unknown = requireNonNull(unknown, "unknown is null");
    }

    /**
     * @param sysPanic crash's {@code sys} PANIC string, without quotes
     * @param seesSleepingTasks whether this crash lists sleeping tasks on this kernel
     */
    public Incident classify(KernelLog log, Optional<String> sysPanic, Backtrace bt, boolean seesSleepingTasks,
            String crashVersion) {
        Optional<String> panicLine = log.panicLine()
                .or(() -> sysPanic.filter(p -> p.startsWith(KernelLog.PANIC_PREFIX)));
        Optional<String> message = log.panicMessage();
        if (message.isPresent()) {
            for (FailureKind kind : kinds) {
                if (kind.panicsWith(message.get())) {
                    int report = reportOf(kind, log, log.panicOrEnd() - 1);
                    return incident(kind, "log", log, report, panicLine, bt, sysPanic, seesSleepingTasks, crashVersion);
                }
            }
        }
        for (int i = log.panicOrEnd() - 1; i >= 0; i--) {
            Optional<FailureKind> kind = starting(log.line(i));
            if (kind.isPresent()) {
                FailureKind found = kind.get();
                int at = i;
                if (found.failureClass() == FailureClass.OOPS) {
                    for (int j = i - 1; j >= Math.max(0, i - OOPS_LOOKBACK); j--) {
                        Optional<FailureKind> above = starting(log.line(j));
                        if (above.isPresent() && above.get().failureClass() != FailureClass.OOPS) {
                            found = above.get();
                            at = j;
                            break;
                        }
                    }
                }
                int report = found.failureClass() == FailureClass.OOPS ? at : reportOf(found, log, at);
                return incident(found, "log", log, report, panicLine, bt, sysPanic, seesSleepingTasks, crashVersion);
            }
        }
        if (sysPanic.isPresent()) {
            String panic = sysPanic.get();
            String sysMessage = panic.startsWith(KernelLog.PANIC_PREFIX)
                    ? panic.substring(KernelLog.PANIC_PREFIX.length()).strip() : panic;
            for (FailureKind kind : kinds) {
                if (kind.panicsWith(sysMessage)) {
                    return incident(kind, "sys", log, -1, panicLine, bt, sysPanic, seesSleepingTasks, crashVersion);
                }
            }
            Optional<FailureKind> kind = starting(panic);
            if (kind.isPresent()) {
                FailureKind found = kind.get().failureClass() == FailureClass.OOPS
                        ? kinds.stream().filter(k -> k.failureClass() != FailureClass.OOPS && k.shownBy(bt)).findFirst()
                                .orElse(kind.get())
                        : kind.get();
                return new Incident(found, "sys", Optional.of(panic), -1, panicLine, log, bt, sysPanic,
                        seesSleepingTasks, crashVersion);
            }
        }
        for (FailureKind kind : kinds) {
            if (kind.shownBy(bt)) {
                return incident(kind, "bt", log, -1, panicLine, bt, sysPanic, seesSleepingTasks, crashVersion);
            }
        }
        return incident(unknown, "none", log, -1, panicLine, bt, sysPanic, seesSleepingTasks, crashVersion);
    }

    private static Incident incident(FailureKind kind, String basis, KernelLog log, int report,
            Optional<String> panicLine, Backtrace bt, Optional<String> sysPanic, boolean seesSleepingTasks,
            String crashVersion) {
        Optional<String> reportLine = report < 0 ? Optional.empty() : Optional.of(log.line(report).strip());
        return new Incident(kind, basis, reportLine, report, panicLine, log, bt, sysPanic, seesSleepingTasks,
                crashVersion);
    }

    private Optional<FailureKind> starting(String line) {
        return kinds.stream().filter(k -> k.startsReport(line)).findFirst();
    }

    /**
     * The first line of {@code kind}'s report at or above {@code from}: its nearest report line, then the earliest
     * of the reports of the same kind right above it (several hung tasks are reported one after the other).
     */
    private int reportOf(FailureKind kind, KernelLog log, int from) {
        int found = -1;
        for (int i = Math.min(from, log.size() - 1); i >= 0; i--) {
            Optional<FailureKind> starts = starting(log.line(i));
            if (starts.isEmpty() || starts.get().failureClass() == FailureClass.OOPS) {
                continue;
            }
            if (starts.get() != kind) {
                if (found >= 0) {
                    break;
                }
                continue;
            }
            found = i;
        }
        return found;
    }
}
