package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.Backtrace;
import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FailureKind;
import io.dynamicmcp.crash.triage.Findings;
import io.dynamicmcp.crash.triage.Incident;
import io.dynamicmcp.crash.triage.KernelLog;
import io.dynamicmcp.crash.triage.StackFrame;
import io.dynamicmcp.crash.triage.StepOutput;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code sysrq triggered crash}: someone asked for the crash (SysRq-c), usually to take a dump on purpose. */
final class Sysrq implements FailureKind {

    private static final Pattern TRIGGER = Pattern.compile("(?i)sysrq ?: Trigger a crash");
    private static final int BEFORE_PANIC = 20;

    @Override
    public FailureClass failureClass() {
        return FailureClass.SYSRQ;
    }

    @Override
    public boolean panicsWith(String message) {
        return message.startsWith("sysrq triggered crash");
    }

    @Override
    public boolean shownBy(Backtrace bt) {
        return bt.functions().stream().anyMatch(f -> Functions.base(f).equals("sysrq_handle_crash"));
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        KernelLog log = incident.log();
        for (int i = Math.max(0, log.panicOrEnd() - BEFORE_PANIC); i < log.panicOrEnd(); i++) {
            if (TRIGGER.matcher(log.line(i)).find()) {
                findings.evidence(log.line(i));
            }
        }
        boolean written = incident.panicTrace().stream().map(StackFrame::function)
                .anyMatch(f -> Functions.base(f).equals("write_sysrq_trigger"))
                || incident.bt().functions().stream().anyMatch(f -> Functions.base(f).equals("write_sysrq_trigger"));
        String by = incident.bt().task().map(t -> "\"" + t.command() + "\" (PID " + t.pid() + ")")
                .or(() -> incident.loggedTask().map(t -> "\"" + t.command() + "\" (PID " + t.pid() + ")")).orElse("a task");
        String trigger = written ? "written to /proc/sysrq-trigger by " + by
                : "the SysRq key (keyboard, serial break) or another caller of handle_sysrq()";
        findings.put("trigger", trigger);
        findings.digest("Triggered on purpose: " + trigger);
    }

    @Override
    public List<String> nextSteps() {
        return List.of("a SysRq crash is usually deliberate (to take a dump of a hung or misbehaving system): find out "
                        + "why it was requested",
                "look for what was wrong before it: 'foreach UN bt' (blocked tasks), 'bt -a', 'log' for earlier errors");
    }
}
