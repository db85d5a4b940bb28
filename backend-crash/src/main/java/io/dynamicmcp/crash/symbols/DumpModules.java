package io.dynamicmcp.crash.symbols;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the dump says about its modules, read with crash: each module's name and the address of its
 * {@code struct module}, and, through its {@code notes_attrs} (the files of {@code /sys/module/NAME/notes}), the GNU
 * build-id the kernel loaded with it.
 */
final class DumpModules {

    /** crash's own table of the modules, made when it loaded the dump: answers at once. */
    static final String TABLE_COMMAND = "mod";
    /**
     * The kernel's module list, which crash walks through gdb, member by member: ~0.2 s for a few modules in a new
     * session, more with each module. Asked only where crash's table cannot be read.
     */
    static final String NAMES_COMMAND = "list -H modules -o module.list -s module.name";

    private static final Pattern TABLE_ROW =
            Pattern.compile("^\\s*([0-9a-f]{8,16})\\s+(\\S+)\\s+[0-9a-f]{8,16}\\s+\\d+\\s+.*$");
    private static final Pattern ADDRESS = Pattern.compile("^([0-9a-f]{8,16})\\s*$");
    private static final Pattern NAME = Pattern.compile("^\\s*name = \"([^\"\\\\]+)");
    private static final Pattern NOTES = Pattern.compile("^\\s*notes_attrs = (0x[0-9a-f]+)");
    private static final Pattern COUNT = Pattern.compile("^\\s*notes = (\\d+)");
    private static final Pattern ATTRS = Pattern.compile("^\\s*attrs = (0x[0-9a-f]+)");
    private static final Pattern ATTR_NAME = Pattern.compile("^\\s*name = 0x[0-9a-f]+ \"([^\"]*)\"");
    private static final Pattern SIZE = Pattern.compile("^\\s*size = (\\d+)");
    private static final Pattern PRIVATE = Pattern.compile("^\\s*private = (0x[0-9a-f]+)");
    private static final Pattern BYTES = Pattern.compile("^[0-9a-f]+:\\s+((?:[0-9a-f]{2} ?)+)");
    private static final int MAX_NOTE = 4096;

    /** A module in the dump: its name and the address of its {@code struct module}. */
    record Module(String name, String address) {
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
    static List<Module> table(List<String> lines) {
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

    /** The build-id the kernel keeps in the module's {@code .note.gnu.build-id}; empty if it cannot be read. */
    static Optional<String> buildId(ModuleSymbolLoader.Crash crash, Module module) throws InterruptedException {
        Optional<String> notes = first(crash.run("struct module.notes_attrs " + module.address()), NOTES);
        if (notes.isEmpty() || notes.get().equals("0x0")) {
            return Optional.empty();
        }
        List<String> table = crash.run("struct module_notes_attrs " + notes.get());
        Optional<Integer> count = first(table, COUNT).map(Integer::parseInt);
        Optional<String> attrs = first(table, ATTRS);
        if (count.isEmpty() || attrs.isEmpty() || count.get() < 1 || count.get() > 64) {
            return Optional.empty();
        }
        List<String> attributes = crash.run("struct bin_attribute " + attrs.get() + " " + count.get());
        String current = null;
        Integer size = null;
        for (String line : attributes) {
            Matcher name = ATTR_NAME.matcher(line);
            Matcher s = SIZE.matcher(line);
            Matcher p = PRIVATE.matcher(line);
            if (name.find()) {
                current = name.group(1);
                size = null;
            } else if (s.find()) {
                size = Integer.parseInt(s.group(1));
            } else if (p.find() && ".note.gnu.build-id".equals(current) && size != null && size > 16 && size <= MAX_NOTE) {
                return note(crash.run("rd -8 " + p.group(1) + " " + size));
            }
        }
        return Optional.empty();
    }

    /** The build-id in an ELF note ({@code namesz descsz type "GNU\0" desc}) dumped by {@code rd -8}. */
    static Optional<String> note(List<String> dump) {
        List<Byte> bytes = new ArrayList<>();
        for (String line : dump) {
            Matcher m = BYTES.matcher(line);
            if (m.find()) {
                for (String b : m.group(1).strip().split(" ")) {
                    bytes.add((byte) Integer.parseInt(b, 16));
                }
            }
        }
        if (bytes.size() < 16) {
            return Optional.empty();
        }
        int nameSize = le(bytes, 0);
        int descSize = le(bytes, 4);
        int type = le(bytes, 8);
        int desc = 12 + ((nameSize + 3) & ~3);
        if (type != 3 || nameSize != 4 || descSize <= 0 || desc + descSize > bytes.size()) {
            return Optional.empty();
        }
        byte[] id = new byte[descSize];
        for (int i = 0; i < descSize; i++) {
            id[i] = bytes.get(desc + i);
        }
        return Optional.of(HexFormat.of().formatHex(id));
    }

    private static int le(List<Byte> bytes, int at) {
        return (bytes.get(at) & 0xff) | (bytes.get(at + 1) & 0xff) << 8 | (bytes.get(at + 2) & 0xff) << 16
                | (bytes.get(at + 3) & 0xff) << 24;
    }

    private static Optional<String> first(List<String> lines, Pattern pattern) {
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
