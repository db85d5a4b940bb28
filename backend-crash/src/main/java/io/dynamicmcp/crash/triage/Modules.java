package io.dynamicmcp.crash.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loaded modules in load order (the kernel's {@code modules} list, which it extends at the head) and the tainted
 * ones ({@code mod -t}: {@code NAME  TAINTS} rows). {@code mod} itself sorts modules by address, which the kernel
 * randomises on every boot.
 */
public final class Modules {

    /** Walks the kernel's module list, printing each module's name: newest first. */
    public static final String LOAD_ORDER_COMMAND = "list -H modules -o module.list -s module.name";

    private static final Pattern NAME_MEMBER = Pattern.compile("^\\s*name = \"([^\"\\\\]+)");
    private static final Pattern TAINT_ROW = Pattern.compile("^(\\S+)\\s+(\\S+)\\s*$");

    /** A module with taints: its letters (O out-of-tree, E unsigned, P proprietary, ...). */
    public record TaintedModule(String name, String flags) {

        public boolean outOfTree() {
            return flags.contains("O");
        }

        public boolean unsigned() {
            return flags.contains("E") || flags.contains("(U)");
        }

        public boolean proprietary() {
            return flags.contains("P");
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
            map.put("flags", flags);
            map.put("out_of_tree", outOfTree());
            map.put("unsigned", unsigned());
            map.put("proprietary", proprietary());
            return map;
        }
    }

    private Modules() {
    }

    /** Module names from the output of {@link #LOAD_ORDER_COMMAND}, oldest first. */
    public static List<String> inLoadOrder(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher m = NAME_MEMBER.matcher(line);
            if (m.find()) {
                names.add(0, m.group(1));
            }
        }
        return names;
    }

    /** The rows of {@code mod -t}; empty for "no tainted modules". */
    public static List<TaintedModule> tainted(List<String> lines) {
        List<TaintedModule> modules = new ArrayList<>();
        boolean table = false;
        for (String line : lines) {
            if (line.startsWith("NAME") && (line.contains("TAINTS") || line.contains("LICENSE_GPLOK"))) {
                table = true;
                continue;
            }
            Matcher m = TAINT_ROW.matcher(line);
            if (table && m.matches()) {
                modules.add(new TaintedModule(m.group(1), m.group(2)));
            }
        }
        return modules;
    }

    /** Whether the output is one crash understood: the table or "no tainted modules". */
    public static boolean understood(List<String> lines) {
        return lines.stream().anyMatch(l -> l.contains("no tainted modules") || l.startsWith("NAME"));
    }
}
