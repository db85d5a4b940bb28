package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FaultLookup;
import io.dynamicmcp.crash.triage.Findings;
import io.dynamicmcp.crash.triage.Incident;
import io.dynamicmcp.crash.triage.StepOutput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code kernel BUG at dmz_zoo.c:85!}: a BUG() or BUG_ON() that fired; the line names the file and line. */
final class KernelBug extends TrapKind {

    private static final Pattern REPORT = Pattern.compile("^\\s*kernel BUG at ");
    private static final Pattern LOCATION = Pattern.compile("kernel BUG at (\\S+?:\\d+)!?");
    private static final Set<String> FRAMES = Set.of("exc_invalid_op", "asm_exc_invalid_op", "handle_bug",
            "do_invalid_op");

    KernelBug() {
        super(FailureClass.BUG, REPORT, FRAMES);
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        Optional<String> location = FaultLookup.fromReportLine(incident, LOCATION);
        findings.put("bug_location", location.orElse(null));
        location.ifPresent(l -> findings.digest("BUG at " + l));
        FaultLookup.read(incident, outputs, Optional.empty(), findings);
    }

    @Override
    public List<String> nextSteps() {
        return List.of("read the BUG_ON() condition at the BUG's file:line: it names what the code assumed",
                "crash_command 'dis -rl <RIP function>+<offset>' and 'bt -f' for the values that broke it");
    }
}
