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

/** {@code BUG: kernel NULL pointer dereference, address: 0000000000000020} (older kernels: {@code unable to handle}). */
final class NullPointerDereference implements FailureKind {

    private static final Pattern REPORT = Pattern.compile(
            "^\\s*BUG: (?:unable to handle )?kernel NULL pointer dereference");
    private static final Pattern ADDRESS = Pattern.compile("NULL pointer dereference(?:, address:| at) ([0-9a-fx]+)");

    @Override
    public FailureClass failureClass() {
        return FailureClass.NULL_POINTER_DEREFERENCE;
    }

    @Override
    public boolean startsReport(String line) {
        return REPORT.matcher(line).find();
    }

    @Override
    public List<String> followUps(Incident incident) {
        return FaultLookup.command(incident).stream().toList();
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        Optional<String> address = FaultLookup.fromReportLine(incident, ADDRESS)
                .map(a -> a.startsWith("0x") ? a : "0x" + a).or(() -> FaultLookup.cr2(incident));
        FaultLookup.read(incident, outputs, address, findings);
    }

    @Override
    public List<String> nextSteps() {
        return Oopses.NEXT_STEPS;
    }
}
