package io.dynamicmcp.crash.symbols;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modules of the dump, read with crash: each module's name and the address of its {@code struct module}.
 */
public final class DumpModules {

    /** crash's own table of the modules, made when it loaded the dump: answers at once. */
    public static final String TABLE_COMMAND = "mod";
    /**
     * The kernel's module list, which crash walks through gdb, member by member: ~0.2 s for a few modules in a new
     * session, more with each module. Asked only where crash's table cannot be read.
     */
    static final String NAMES_COMMAND = "list -H modules -o module.list -s module.name";

    private static final Pattern TABLE_ROW =
            Pattern.compile("^\\s*([0-9a-f]{8,16})\\s+(\\S+)\\s+[0-9a-f]{8,16}\\s+\\d+\\s+.*$");
    private static final Pattern ADDRESS = Pattern.compile("^([0-9a-f]{8,16})\\s*$");
    private static final Pattern NAME = Pattern.compile("^\\s*name = \"([^\"\\\\]+)");

    /** A module in the dump: its name and the address of its {@code struct module}. */
    public record Module(String name, String address) {
    }

    private DumpModules() {
    }

    /** The modules of the dump, by name. */
    static List<Module> list(ModuleSymbolLoader.Crash crash) throws InterruptedException {
        List<Module> modules = new ArrayList<>(table(crash.run(TABLE_COMMAND)));
        if (modules.isEmpty()) {
            modules.addAll(parse(crash.run(NAMES_COMMAND)));
        }
        modules.sort(Comparator.comparing(Module::name));
        return modules;
    }

    /** The rows of {@code mod}: {@code MODULE NAME BASE SIZE OBJECT FILE}. */
    public static List<Module> table(List<String> lines) {
        List<Module> modules = new ArrayList<>();
        for (String line : lines) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.matches()) {
                modules.add(new Module(row.group(2), row.group(1)));
            }
        }
        return modules;
    }

    /** The entries of {@link #NAMES_COMMAND}: each {@code struct module}'s address, then its name. */
    static List<Module> parse(List<String> lines) {
        List<Module> modules = new ArrayList<>();
        String address = null;
        for (String line : lines) {
            Matcher a = ADDRESS.matcher(line);
            Matcher n = NAME.matcher(line);
            if (a.matches()) {
                address = a.group(1);
            } else if (n.find() && address != null) {
                modules.add(new Module(n.group(1), address));
                address = null;
            }
        }
        return modules;
    }
}
