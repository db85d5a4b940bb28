package io.dynamicmcp.crash.triage;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the culprit of a panic, in this order:
 * <ol>
 * <li>the faulting instruction (the report's kernel RIP) when it is in a module;</li>
 * <li>the first reliable frame in a module of the report's call trace (a hung task: of the blocked task's stack;
 *     without a log: of crash's backtrace below the exception);</li>
 * <li>the first reliable frame in a module of the stack panic() printed;</li>
 * <li>the faulting instruction in the kernel itself;</li>
 * <li>the first reliable frame of the report's call trace that is not the class's machinery;</li>
 * <li>the first reliable frame of panic()'s own stack after the panic machinery (sysrq_handle_crash, do_exit.cold);</li>
 * <li>the same in crash's backtrace.</li>
 * </ol>
 * {@code ? } frames (stale return addresses) never count.
 */
public final class CulpritFinder {

    private static final Set<String> PANIC_MACHINERY = Set.of("dump_stack", "dump_stack_lvl", "show_stack", "panic",
            "vpanic", "nmi_panic", "__warn", "warn_slowpath_fmt", "report_bug", "handle_bug", "do_trap", "do_error_trap",
            "oops_end", "die", "__die", "die_body", "page_fault_oops", "kernelmode_fixup_or_oops", "no_context",
            "__bad_area_nosemaphore", "exc_page_fault", "asm_exc_page_fault", "exc_general_protection",
            "asm_exc_general_protection", "exc_invalid_op", "asm_exc_invalid_op", "exc_divide_error",
            "asm_exc_divide_error", "watchdog_timer_fn", "__hrtimer_run_queues", "hrtimer_interrupt",
            "__sysvec_apic_timer_interrupt", "sysvec_apic_timer_interrupt", "asm_sysvec_apic_timer_interrupt");

    private CulpritFinder() {
    }

    /** Whether a function is part of how the kernel reports and panics (dump_stack, panic, the trap handlers, ...). */
    public static boolean panicMachinery(String function) {
        return PANIC_MACHINERY.contains(base(function));
    }

    /** @param culpritStack the stack the class says holds the culprit (a blocked task's), if not the report's */
    public static Optional<Culprit> find(Incident incident, Optional<List<StackFrame>> culpritStack) {
        FailureKind kind = incident.kind();
        boolean own = culpritStack.isEmpty();
        Optional<StackFrame> rip = own ? incident.rip() : Optional.empty();
        List<StackFrame> report = culpritStack.orElseGet(incident::reportTrace);
        boolean fromLog = !report.isEmpty();
        if (own && report.isEmpty()) {
            report = belowException(incident.bt());
        }
        String where = !own ? "the blocked task's stack" : fromLog ? "the report's call trace" : "crash's backtrace";
        List<StackFrame> panicTrace = incident.panicTrace();
        if (rip.isPresent() && rip.get().inModule()) {
            return Optional.of(new Culprit(rip.get(), "the faulting instruction (RIP) is in module "
                    + rip.get().module().get(), true, callersOf(rip.get(), report)));
        }
        Optional<Culprit> inModule = firstInModule(report, "the first frame in a module of " + where);
        if (inModule.isPresent()) {
            return inModule;
        }
        inModule = firstInModule(panicTrace, "the first frame in a module of the stack panic() printed");
        if (inModule.isPresent()) {
            return inModule;
        }
        if (rip.isPresent()) {
            return Optional.of(new Culprit(rip.get(), "the faulting instruction (RIP), in the kernel itself", true,
                    callersOf(rip.get(), report)));
        }
        Optional<Culprit> first = firstNotMachinery(report, kind, "the first frame of " + where
                + " past the " + kind.failureClass().wireName() + " machinery");
        if (first.isPresent()) {
            return first;
        }
        first = firstNotMachinery(panicTrace, kind, "the first frame of the stack panic() printed, after panic()");
        if (first.isPresent()) {
            return first;
        }
        return firstNotMachinery(incident.bt().stack(), kind, "the first frame of crash's backtrace after panic()");
    }

    /** crash's frames below the kernel exception (the interrupted code), or all of them. */
    private static List<StackFrame> belowException(Backtrace bt) {
        List<StackFrame> stack = bt.stack();
        return bt.kernelException().map(e -> stack.subList(Math.min(e.frameIndex(), stack.size()), stack.size()))
                .orElse(List.of());
    }

    private static Optional<Culprit> firstInModule(List<StackFrame> stack, String basis) {
        for (int i = 0; i < stack.size(); i++) {
            StackFrame frame = stack.get(i);
            if (frame.reliable() && frame.inModule()) {
                return Optional.of(new Culprit(frame, basis + " (" + frame.module().get() + ")", false,
                        reliable(stack.subList(i + 1, stack.size()))));
            }
        }
        return Optional.empty();
    }

    private static Optional<Culprit> firstNotMachinery(List<StackFrame> stack, FailureKind kind, String basis) {
        for (int i = 0; i < stack.size(); i++) {
            StackFrame frame = stack.get(i);
            String base = base(frame.function());
            if (frame.reliable() && !PANIC_MACHINERY.contains(base) && !kind.machinery(frame.function())) {
                return Optional.of(new Culprit(frame, basis, false, reliable(stack.subList(i + 1, stack.size()))));
            }
        }
        return Optional.empty();
    }

    /** The stack's reliable frames, without a first frame that repeats the faulting function. */
    private static List<StackFrame> callersOf(StackFrame rip, List<StackFrame> stack) {
        List<StackFrame> callers = reliable(stack);
        if (!callers.isEmpty() && callers.get(0).function().equals(rip.function())) {
            return callers.subList(1, callers.size());
        }
        return callers;
    }

    private static List<StackFrame> reliable(List<StackFrame> stack) {
        return stack.stream().filter(StackFrame::reliable).toList();
    }

    static String base(String function) {
        int dot = function.indexOf('.');
        return dot > 0 ? function.substring(0, dot) : function;
    }
}
