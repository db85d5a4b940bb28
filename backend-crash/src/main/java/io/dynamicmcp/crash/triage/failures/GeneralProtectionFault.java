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
 * {@code general protection fault, probably for non-canonical address 0xdead000000000408: 0000 [#1] ...}: mostly a
 * corrupt or poisoned pointer.
 */
final class GeneralProtectionFault extends TrapKind {

    private static final Pattern REPORT = Pattern.compile("^\\s*general protection fault");
    private static final Pattern ADDRESS = Pattern.compile("non-canonical address (0x[0-9a-f]+)");
    private static final Set<String> FRAMES = Set.of("exc_general_protection", "asm_exc_general_protection",
            "general_protection", "do_general_protection");

    GeneralProtectionFault() {
        super(FailureClass.GENERAL_PROTECTION_FAULT, REPORT, FRAMES);
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        Optional<String> address = FaultLookup.fromReportLine(incident, ADDRESS);
        FaultLookup.read(incident, outputs, address, findings);
        address.filter(a -> a.startsWith("0xdead")).ifPresent(a -> findings.digest("  " + a + " is a poison value "
                + "(0xdead...): a pointer used after list_del() or free, or overwritten"));
    }

    @Override
    public List<String> nextSteps() {
        return List.of("crash_command 'dis -rl <RIP function>+<offset>' and find which register held the bad pointer",
                "crash_command 'bt -f' and 'struct <type> <address>' to see the object holding the corrupt pointer",
                "a 0xdead... address is a poison value: look for a use after list_del() or kfree()");
    }
}
