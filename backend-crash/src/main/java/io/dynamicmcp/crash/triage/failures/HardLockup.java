package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.Backtrace;
import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FailureKind;
import io.dynamicmcp.crash.triage.Findings;
import io.dynamicmcp.crash.triage.Incident;
import io.dynamicmcp.crash.triage.StepOutput;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code NMI watchdog: Watchdog detected hard LOCKUP on cpu 1}, fatal with {@code hardlockup_panic}. */
final class HardLockup implements FailureKind {

    private static final Pattern REPORT = Pattern.compile("Watchdog detected hard LOCKUP on cpu");
    private static final Set<String> FRAMES = Set.of("watchdog_overflow_callback", "watchdog_hardlockup_check");

    @Override
    public FailureClass failureClass() {
        return FailureClass.HARD_LOCKUP;
    }

    @Override
    public boolean startsReport(String line) {
        return REPORT.matcher(line).find();
    }

    @Override
    public boolean panicsWith(String message) {
        return message.startsWith("Hard LOCKUP");
    }

    @Override
    public boolean shownBy(Backtrace bt) {
        return Functions.any(bt, FRAMES);
    }

    @Override
    public List<String> followUps(Incident incident) {
        return List.of(CpuStacks.COMMAND);
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        findings.digest("Every CPU's stack:");
        CpuStacks.read(outputs, findings);
    }

    @Override
    public List<String> nextSteps() {
        return List.of("the locked CPU ran with interrupts off: look in its stack (under cpus) for a spinlock taken "
                        + "with irqsave, or a loop in an interrupt handler",
                "crash_command 'bt -a' for the other CPUs: one may hold the lock the locked CPU spins on");
    }
}
