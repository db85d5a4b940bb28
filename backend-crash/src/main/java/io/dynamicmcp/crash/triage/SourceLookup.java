package io.dynamicmcp.crash.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the culprit is in the source, where debug information allows: {@code sym FUNCTION} (its module and where it
 * is defined) and {@code dis -l} at the faulting instruction, or just before the return address (the call).
 */
public final class SourceLookup {

    private static final Pattern SYM = Pattern.compile(
            "^[0-9a-f]+ \\(\\w\\) (\\S+?)(?:\\+\\d+)?(?: \\[([\\w-]+)\\])?(?:\\s+(\\S.*?):\\s*(\\d+))?\\s*$");

    private SourceLookup() {
    }

    /** The commands for {@code culprit}: {@code sym} of its function and one {@code dis -l}. */
    public static List<String> commands(Incident incident, Culprit culprit) {
        List<String> commands = new ArrayList<>();
        commands.add(symCommand(culprit));
        lineCommand(incident, culprit).ifPresent(commands::add);
        return commands;
    }

    /** The {@code culprit} finding: function, module, source line, where the function is defined, and why. */
    public static Map<String, Object> read(Incident incident, Culprit culprit, Map<String, StepOutput> outputs) {
        Optional<Matcher> sym = Optional.ofNullable(outputs.get(symCommand(culprit)))
                .flatMap(step -> step.lines().stream().map(SYM::matcher)
                        .filter(m -> m.matches() && m.group(1).equals(culprit.function())).findFirst());
        Optional<String> module = culprit.frame().module().or(() -> sym.map(m -> m.group(2)));
        Optional<String> source = lineCommand(incident, culprit).map(outputs::get).map(StepOutput::lines)
                .flatMap(Disassembly::source);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("function", culprit.function());
        map.put("module", module.orElse(null));
        map.put("source", source.orElse(null));
        map.put("defined_at", sym.filter(m -> m.group(3) != null).map(m -> m.group(3) + ":" + m.group(4)).orElse(null));
        map.put("basis", culprit.basis());
        return map;
    }

    private static String symCommand(Culprit culprit) {
        return "sym " + culprit.function();
    }

    /**
     * {@code dis -l} at the faulting instruction; for a return address, one byte before it, which is inside the
     * call (as the kernel's own {@code %pB} does), so the line is the call's.
     */
    static Optional<String> lineCommand(Incident incident, Culprit culprit) {
        if (culprit.faulting()) {
            return FaultLookup.command(incident);
        }
        StackFrame frame = culprit.frame();
        if (frame.address().isPresent()) {
            try {
                long address = Long.parseUnsignedLong(frame.address().get(), 16);
                return Optional.of(Disassembly.command(Long.toHexString(address - 1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return frame.offsetValue().filter(o -> o > 0).map(o -> Disassembly.command(frame.function() + "+" + (o - 1)));
    }
}
