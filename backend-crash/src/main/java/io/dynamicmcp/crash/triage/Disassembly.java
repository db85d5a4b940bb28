package io.dynamicmcp.crash.triage;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code dis -l WHERE 1}: the source line crash prints above the instruction, and the instruction. */
public final class Disassembly {

    private static final Pattern SOURCE = Pattern.compile("^(\\S[^:]*\\.[A-Za-z]+):\\s*(\\d+)\\s*$");
    private static final Pattern INSTRUCTION = Pattern.compile("^0x[0-9a-f]+ <([^>]+)>:\\s*(.+)$");

    private Disassembly() {
    }

    /** The {@code dis -l} command for one instruction at an address or {@code function+offset}. */
    public static String command(String where) {
        return "dis -l " + where + " 1";
    }

    /** {@code file:line} of the first source line shown, e.g. {@code /usr/src/dmz_zoo/dmz_zoo.c:76}. */
    public static Optional<String> source(List<String> lines) {
        for (String line : lines) {
            Matcher m = SOURCE.matcher(line.strip());
            if (m.matches()) {
                return Optional.of(m.group(1) + ":" + m.group(2));
            }
        }
        return Optional.empty();
    }

    /** The first instruction shown, e.g. {@code mov    0x20(%rax),%rsi}, with runs of spaces folded. */
    public static Optional<String> instruction(List<String> lines) {
        for (String line : lines) {
            Matcher m = INSTRUCTION.matcher(line.strip());
            if (m.matches()) {
                return Optional.of(m.group(2).replaceAll("\\s+", " ").strip());
            }
        }
        return Optional.empty();
    }

    /** Where the instruction is, as crash names it: {@code dmz_zoo_null_deref+24}. */
    public static Optional<String> location(List<String> lines) {
        for (String line : lines) {
            Matcher m = INSTRUCTION.matcher(line.strip());
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
