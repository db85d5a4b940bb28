package io.dynamicmcp.crash.triage;

import io.dynamicmcp.crash.symbols.DumpModules;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * Walks the kernel's module list, printing each {@code struct module}'s address: newest first. Without
     * {@code -s module.name}, which asks gdb for each module (4.4 s for 92 modules), it answers at once.
     */
    public static final String LIST_COMMAND = "list -H modules -o module.list";
    /** crash's own table of the modules (address, name, ...), made when it loaded the dump. */
    public static final String TABLE_COMMAND = DumpModules.TABLE_COMMAND;

    private static final Pattern LIST_ENTRY = Pattern.compile("^([0-9a-f]{8,16})\\s*$");
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

    /** The addresses {@link #LIST_COMMAND} printed, newest first. */
    static List<String> listed(List<String> list) {
        List<String> addresses = new ArrayList<>();
        for (String line : list) {
            Matcher m = LIST_ENTRY.matcher(line);
            if (m.matches()) {
                addresses.add(m.group(1));
            }
        }
        return addresses;
    }

    /**
     * Module names, oldest first: the kernel's list ({@link #LIST_COMMAND}) named from crash's table
     * ({@link #TABLE_COMMAND}); a listed module missing from the table is left out.
     */
    public static List<String> inLoadOrder(List<String> list, List<String> table) {
        Map<String, String> names = inTable(table);
        List<String> inOrder = new ArrayList<>();
        for (String address : listed(list)) {
            String name = names.get(address);
            if (name != null) {
                inOrder.add(0, name);
            }
        }
        return inOrder;
    }

    /** The modules of crash's table, by the address of their {@code struct module}. */
    static Map<String, String> inTable(List<String> table) {
        Map<String, String> names = new HashMap<>();
        DumpModules.table(table).forEach(module -> names.put(module.address(), module.name()));
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
