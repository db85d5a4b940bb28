package io.dynamicmcp.crash.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kernel taint flags, decoded as in the kernel's Documentation/admin-guide/tainted-kernels.rst. */
public final class TaintFlags {

    /** One taint flag: its bit in {@code tainted_mask}, its letter and what it means. */
    public record Flag(int bit, char letter, String meaning) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("bit", bit);
            map.put("letter", String.valueOf(letter));
            map.put("meaning", meaning);
            return map;
        }
    }

    static final List<Flag> FLAGS = List.of(
            new Flag(0, 'P', "proprietary module was loaded"),
            new Flag(1, 'F', "module was force loaded"),
            new Flag(2, 'S', "kernel running on an out of specification system"),
            new Flag(3, 'R', "module was force unloaded"),
            new Flag(4, 'M', "processor reported a Machine Check Exception (MCE)"),
            new Flag(5, 'B', "bad page referenced or some unexpected page flags"),
            new Flag(6, 'U', "taint requested by userspace application"),
            new Flag(7, 'D', "kernel died recently, i.e. there was an OOPS or BUG"),
            new Flag(8, 'A', "ACPI table overridden by user"),
            new Flag(9, 'W', "kernel issued warning"),
            new Flag(10, 'C', "staging driver was loaded"),
            new Flag(11, 'I', "workaround for bug in platform firmware applied"),
            new Flag(12, 'O', "externally-built (\"out-of-tree\") module was loaded"),
            new Flag(13, 'E', "unsigned module was loaded"),
            new Flag(14, 'L', "soft lockup occurred"),
            new Flag(15, 'K', "kernel has been live patched"),
            new Flag(16, 'X', "auxiliary taint, defined for and used by distros"),
            new Flag(17, 'T', "kernel was built with the struct randomization plugin"),
            new Flag(18, 'N', "an in-kernel test has been run"),
            new Flag(19, 'J', "userspace used a mutating debug operation in fwctl"));

    private static final Pattern PRINTED_VALUE = Pattern.compile("=\\s*(\\d+)\\s*$");
    private static final Pattern LOG_TAINT = Pattern.compile("Comm: .*?\\s(Not tainted|Tainted: ([A-Z ]+?))\\s+\\d");

    private TaintFlags() {
    }

    /** The flags set in {@code mask}; unknown bits become "unknown taint bit N". */
    public static List<Flag> decode(long mask) {
        List<Flag> set = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((mask & (1L << bit)) != 0) {
                int b = bit;
                set.add(FLAGS.stream().filter(f -> f.bit() == b).findFirst()
                        .orElse(new Flag(bit, '?', "unknown taint bit " + bit)));
            }
        }
        return set;
    }

    /** The flags the letters of a {@code Tainted: G     W  O} string name ({@code G} means none). */
    public static List<Flag> decodeLetters(String letters) {
        List<Flag> set = new ArrayList<>();
        for (char c : letters.toCharArray()) {
            FLAGS.stream().filter(f -> f.letter() == c).findFirst().ifPresent(set::add);
        }
        return set;
    }

    /** The value {@code p tainted_mask} printed ({@code tainted_mask = $1 = 4096}). */
    public static OptionalLong parseMask(List<String> lines) {
        for (String line : lines) {
            Matcher m = PRINTED_VALUE.matcher(line);
            if (m.find()) {
                return OptionalLong.of(Long.parseUnsignedLong(m.group(1)));
            }
        }
        return OptionalLong.empty();
    }

    /** From the kernel log: "" for "Not tainted", the letters for "Tainted: G  W  O", empty if no such line. */
    public static Optional<String> lettersInLog(List<String> logLines) {
        Optional<String> found = Optional.empty();
        for (String line : logLines) {
            Matcher m = LOG_TAINT.matcher(line);
            if (m.find()) {
                found = Optional.of(m.group(2) == null ? "" : m.group(2).replace(" ", "").replace("G", ""));
            }
        }
        return found;
    }

    static String letters(List<Flag> flags) {
        StringBuilder text = new StringBuilder();
        flags.forEach(f -> text.append(f.letter()));
        return text.toString();
    }
}
