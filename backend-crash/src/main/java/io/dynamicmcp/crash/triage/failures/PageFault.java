package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FaultLookup;
import io.dynamicmcp.crash.triage.Findings;
import io.dynamicmcp.crash.triage.Incident;
import io.dynamicmcp.crash.triage.StepOutput;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code BUG: unable to handle page fault for address: ...} (older: {@code unable to handle kernel paging request}). */
final class PageFault extends TrapKind {

    private static final Pattern REPORT = Pattern.compile(
            "^\\s*BUG: unable to handle (?:page fault for address|kernel paging request)");
    private static final Pattern ADDRESS = Pattern.compile("(?:for address:|paging request at) ([0-9a-fx]+)");
    private static final Set<String> FRAMES = Set.of("page_fault_oops", "no_context", "__bad_area_nosemaphore",
            "asm_exc_page_fault", "exc_page_fault");

    PageFault() {
        super(FailureClass.PAGE_FAULT, REPORT, FRAMES);
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        FaultLookup.read(incident, outputs, FaultLookup.fromReportLine(incident, ADDRESS)
                .map(a -> a.startsWith("0x") ? a : "0x" + a).or(() -> FaultLookup.cr2(incident)), findings);
    }

    @Override
    public List<String> nextSteps() {
        return Oopses.NEXT_STEPS;
    }
}
