package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FailureKind;
import io.dynamicmcp.crash.triage.FaultLookup;
import io.dynamicmcp.crash.triage.Findings;
import io.dynamicmcp.crash.triage.Incident;
import io.dynamicmcp.crash.triage.StepOutput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code WARNING: CPU: 1 PID: 1 at kernel/foo.c:123 func+0x12/0x40}, fatal with {@code panic_on_warn}. */
final class Warning implements FailureKind {

    private static final Pattern REPORT = Pattern.compile("^\\s*WARNING: (?:CPU: \\d+ PID: \\d+ )?at ");
    private static final Pattern LOCATION = Pattern.compile("WARNING: .*?at (\\S+?:\\d+)");

    @Override
    public FailureClass failureClass() {
        return FailureClass.WARNING;
    }

    @Override
    public boolean startsReport(String line) {
        return REPORT.matcher(line).find();
    }

    @Override
    public boolean panicsWith(String message) {
        return message.startsWith("panic_on_warn set");
    }

    @Override
    public List<String> followUps(Incident incident) {
        return FaultLookup.command(incident).stream().toList();
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        Optional<String> location = FaultLookup.fromReportLine(incident, LOCATION);
        findings.put("bug_location", location.orElse(null));
        location.ifPresent(l -> findings.digest("WARNING at " + l));
        FaultLookup.read(incident, outputs, Optional.empty(), findings);
    }

    @Override
    public List<String> nextSteps() {
        return List.of("read the WARN_ON() condition at the warning's file:line",
                "panic_on_warn made this warning fatal: check whether it is set on purpose (sysctl kernel.panic_on_warn)");
    }
}
