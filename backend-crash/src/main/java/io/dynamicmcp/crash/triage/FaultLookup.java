package io.dynamicmcp.crash.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The follow-up of an oops: the faulting instruction and its source line ({@code dis -l} at the exception RIP) and
 * the address it touched, from the report ({@code address: ...}, {@code for non-canonical address ...},
 * {@code CR2: ...}) and how ({@code #PF: supervisor read access in kernel mode}).
 */
public final class FaultLookup {

    private static final Pattern ACCESS = Pattern.compile("#PF: (supervisor|user) (read|write|instruction fetch) access");
    private static final Pattern CR2 = Pattern.compile("\\bCR2: ([0-9a-f]{16})\\b");

    private FaultLookup() {
    }

    /** {@code dis -l} at the exception RIP crash found, else at the report's RIP; empty when neither is known. */
    public static Optional<String> command(Incident incident) {
        Optional<String> address = incident.ripAddress();
        if (address.isPresent()) {
            return Optional.of(Disassembly.command(address.get()));
        }
        return incident.rip().flatMap(StackFrame::location).map(Disassembly::command);
    }

    /**
     * The {@code fault} finding.
     *
     * @param address the address the fault touched, if the class knows how to read it
     */
    public static void read(Incident incident, Map<String, StepOutput> outputs, Optional<String> address, Findings findings) {
        Map<String, Object> fault = new LinkedHashMap<>();
        Optional<StackFrame> rip = incident.rip();
        List<String> dis = command(incident).map(outputs::get).map(StepOutput::lines).orElse(List.of());
        Optional<String> where = Disassembly.location(dis).or(() -> rip.map(StackFrame::toString));
        fault.put("rip", where.orElse(null));
        fault.put("rip_module", rip.flatMap(StackFrame::module).orElse(null));
        fault.put("instruction", Disassembly.instruction(dis).orElse(null));
        fault.put("source", Disassembly.source(dis).orElse(null));
        Optional<String> touched = address;
        fault.put("address", touched.orElse(null));
        fault.put("access", incident.find(ACCESS, false).map(m -> m.group(1) + " " + m.group(2)).orElse(null));
        findings.put("fault", fault);
        LogTrace.kernelRipLine(incident.log(), incident.reportStart(), incident.reportEnd()).ifPresent(findings::evidence);
        StringBuilder line = new StringBuilder("Fault: ");
        line.append(fault.get("instruction") == null ? "instruction unknown" : fault.get("instruction"));
        where.ifPresent(w -> line.append(" at ").append(w));
        if (fault.get("source") != null) {
            line.append(" (").append(fault.get("source")).append(')');
        }
        touched.ifPresent(a -> line.append(", address ").append(a));
        if (fault.get("access") != null) {
            line.append(" (").append(fault.get("access")).append(')');
        }
        findings.digest(line.toString());
    }

    /** CR2 of the report: the address of the last page fault (meaningful for a page fault only). */
    public static Optional<String> cr2(Incident incident) {
        return incident.find(CR2, false).map(m -> "0x" + m.group(1));
    }

    /** The first group of {@code pattern} in the report line. */
    public static Optional<String> fromReportLine(Incident incident, Pattern pattern) {
        return incident.reportLine().map(pattern::matcher).filter(Matcher::find).map(m -> m.group(1));
    }
}
