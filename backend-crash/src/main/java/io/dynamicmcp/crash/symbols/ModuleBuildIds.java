package io.dynamicmcp.crash.symbols;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GNU build-id the kernel loaded with each module of the dump: the note {@code /sys/module/NAME/notes} shows,
 * reached through the module's {@code notes_attrs}. Read with crash's {@code rd}, which answers from the dump in under
 * a millisecond. gdb is asked once, for where the fields are: crash takes 50 ms or more for each gdb expression, and
 * reading a build-id with {@code struct} took four of them per module (about 20 s for a dump with 90 modules).
 */
final class ModuleBuildIds {

    /** Where the fields are: one gdb expression, the offsets and size in bytes. */
    static final String LAYOUT_COMMAND = "gdb printf \"%lu %lu %lu %lu %lu %lu\\n\", "
            + "(unsigned long)&((struct module *)0)->notes_attrs, "
            + "(unsigned long)&((struct module_notes_attrs *)0)->notes, "
            + "(unsigned long)&((struct module_notes_attrs *)0)->attrs, "
            + "(unsigned long)sizeof(struct bin_attribute), "
            + "(unsigned long)&((struct bin_attribute *)0)->size, "
            + "(unsigned long)&((struct bin_attribute *)0)->private";

    private static final Pattern NUMBERS = Pattern.compile("^(\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)$");
    private static final Pattern ROW = Pattern.compile("^[0-9a-f]+:\\s+(.*)$");
    private static final int MAX_NOTES = 64;
    private static final int MAX_NOTE = 4096;
    private static final int NT_GNU_BUILD_ID = 3;

    /** Offsets in {@code struct module}, {@code struct module_notes_attrs} and {@code struct bin_attribute}. */
    record Layout(long notesAttrs, long notes, long attrs, long attributeSize, long size, long data) {

        boolean usable() {
            return attributeSize > 0 && attributeSize % 8 == 0 && size % 8 == 0 && data % 8 == 0
                    && size < attributeSize && data < attributeSize;
        }
    }

    private final ModuleSymbolLoader.Crash crash;
    private Optional<Layout> layout;

    ModuleBuildIds(ModuleSymbolLoader.Crash crash) {
        this.crash = crash;
    }

    /** The build-id the dump keeps for the module; empty if it cannot be read. */
    Optional<String> of(DumpModules.Module module) throws InterruptedException {
        Optional<Layout> fields = layout();
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Layout l = fields.get();
        long address = Long.parseUnsignedLong(module.address(), 16);
        Optional<Long> notesAttrs = first(words("rd -64", address + l.notesAttrs(), 1));
        if (notesAttrs.isEmpty() || notesAttrs.get() == 0) {
            return Optional.empty();
        }
        Optional<Long> count = first(words("rd -32", notesAttrs.get() + l.notes(), 1));
        if (count.isEmpty() || count.get() < 1 || count.get() > MAX_NOTES) {
            return Optional.empty();
        }
        long perAttribute = l.attributeSize() / 8;
        List<Long> attributes = words("rd -64", notesAttrs.get() + l.attrs(), count.get() * perAttribute);
        for (int i = 0; (i + 1) * perAttribute <= attributes.size(); i++) {
            long size = attributes.get((int) (i * perAttribute + l.size() / 8));
            long data = attributes.get((int) (i * perAttribute + l.data() / 8));
            if (size > 16 && size <= MAX_NOTE) {
                Optional<String> id = note(crash.run("rd -8 " + hex(data) + " " + size));
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Layout> layout() throws InterruptedException {
        if (layout == null) {
            layout = Optional.empty();
            for (String line : crash.run(LAYOUT_COMMAND)) {
                Matcher m = NUMBERS.matcher(line.strip());
                if (m.matches()) {
                    Layout found = new Layout(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                            Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                            Long.parseLong(m.group(6)));
                    layout = Optional.of(found).filter(Layout::usable);
                    break;
                }
            }
        }
        return layout;
    }

    /** The words {@code rd -64} or {@code rd -32} prints: {@code ADDRESS:  WORD WORD   ASCII}. */
    private List<Long> words(String rd, long address, long count) throws InterruptedException {
        return words(crash.run(rd + " " + hex(address) + " " + count));
    }

    static List<Long> words(List<String> lines) {
        List<Long> words = new ArrayList<>();
        for (String word : values(lines)) {
            if (!word.matches("[0-9a-f]{8}|[0-9a-f]{16}")) {
                break;
            }
            words.add(Long.parseUnsignedLong(word, 16));
        }
        return words;
    }

    /** The values of {@code rd}'s rows, in order: what stands between {@code ADDRESS:} and the ASCII column. */
    private static List<String> values(List<String> lines) {
        List<String> values = new ArrayList<>();
        for (String line : lines) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                String rest = row.group(1);
                int ascii = rest.indexOf("  ");
                values.addAll(List.of((ascii < 0 ? rest : rest.substring(0, ascii)).split(" ")));
            }
        }
        return values;
    }

    /**
     * The build-id in an ELF note ({@code namesz descsz type "GNU\0" desc}) dumped by {@code rd -8}, in the byte order
     * of the dump's machine (told by {@code namesz}, which is 4).
     */
    static Optional<String> note(List<String> dump) {
        List<Byte> bytes = new ArrayList<>();
        for (String b : values(dump)) {
            if (!b.matches("[0-9a-f]{2}")) {
                break;
            }
            bytes.add((byte) Integer.parseInt(b, 16));
        }
        if (bytes.size() < 16) {
            return Optional.empty();
        }
        boolean little = word(bytes, 0, true) == 4;
        int nameSize = word(bytes, 0, little);
        int descSize = word(bytes, 4, little);
        int type = word(bytes, 8, little);
        boolean gnu = bytes.get(12) == 'G' && bytes.get(13) == 'N' && bytes.get(14) == 'U' && bytes.get(15) == 0;
        if (type != NT_GNU_BUILD_ID || nameSize != 4 || !gnu || descSize <= 0 || 16 + descSize > bytes.size()) {
            return Optional.empty();
        }
        byte[] id = new byte[descSize];
        for (int i = 0; i < descSize; i++) {
            id[i] = bytes.get(16 + i);
        }
        return Optional.of(HexFormat.of().formatHex(id));
    }

    private static int word(List<Byte> bytes, int at, boolean little) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = bytes.get(little ? at + 3 - i : at + i) & 0xff;
            value = value << 8 | b;
        }
        return value;
    }

    private static Optional<Long> first(List<Long> words) {
        return words.isEmpty() ? Optional.empty() : Optional.of(words.get(0));
    }

    private static String hex(long address) {
        return Long.toHexString(address);
    }
}
