package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.Backtrace;
import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FailureKind;
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
final class DivideError implements FailureKind {

    private static final Pattern REPORT = Pattern.compile("^\\s*divide error: ");
    private static final Set<String> FRAMES = Set.of("exc_divide_error", "asm_exc_divide_error", "divide_error",
            "do_divide_error");

    @Override
    public FailureClass failureClass() {
        return FailureClass.DIVIDE_ERROR;
    }

    @Override
    public boolean startsReport(String line) {
        return REPORT.matcher(line).find();
    }

    @Override
    public boolean shownBy(Backtrace bt) {
        return Functions.any(bt, FRAMES);
    }

    @Override
    public List<String> followUps(Incident incident) {
        return FaultLookup.command(incident).stream().toList();
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
