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

/**
 * The lines every oops prints ({@code Oops: 0000 [#1] ...}, {@code invalid opcode: ...}, ...) when no more specific
 * report line stands just above; the classifier lets a specific one win.
 */
final class GenericOops extends TrapKind {

    private static final Pattern REPORT = Pattern.compile("^\\s*(?:Oops: |invalid opcode: |stack segment: |double fault: "
            + "|alignment check: |Internal error: Oops|kernel stack overflow|BUG: unable to handle)");
    private static final Set<String> FRAMES = Set.of("oops_end", "die", "__die");

    GenericOops() {
        super(FailureClass.OOPS, REPORT, FRAMES);
    }

    @Override
    public boolean panicsWith(String message) {
        return false;
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        FaultLookup.read(incident, outputs, Optional.empty(), findings);
    }

    @Override
    public List<String> nextSteps() {
        return Oopses.NEXT_STEPS;
    }
}
