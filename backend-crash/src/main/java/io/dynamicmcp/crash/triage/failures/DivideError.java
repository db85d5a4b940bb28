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

/** {@code divide error: 0000 [#1] ...}: an integer division by zero (or one that overflows). */
final class DivideError extends TrapKind {

    private static final Pattern REPORT = Pattern.compile("^\\s*divide error: ");
    private static final Set<String> FRAMES = Set.of("exc_divide_error", "asm_exc_divide_error", "divide_error",
            "do_divide_error");

    DivideError() {
        super(FailureClass.DIVIDE_ERROR, REPORT, FRAMES);
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        FaultLookup.read(incident, outputs, Optional.empty(), findings);
    }

    @Override
    public List<String> nextSteps() {
        return List.of("crash_command 'dis -rl <RIP function>+<offset>' to find where the divisor comes from",
                "the divisor is the operand of the faulting div/idiv: check its register in 'bt' and its source");
    }
}
