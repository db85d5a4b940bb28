package io.dynamicmcp.examples.kernelinfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parsed {@code /proc/modules}.
 *
 * @param malformedLines lines not in the kernel's format, counted rather than guessed at
 */
record ModuleTable(List<LoadedModule> modules, int malformedLines) {

    static ModuleTable parse(String text) {
        List<LoadedModule> modules = new ArrayList<>();
        int malformed = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            LoadedModule module = LoadedModule.parse(line.trim());
            if (module == null) {
                malformed++;
            } else {
                modules.add(module);
            }
        }
        return new ModuleTable(List.copyOf(modules), malformed);
    }

    /**
     * The modules whose name contains {@code filter}, ignoring case; {@code -} and {@code _} match each other
     * as they do for modprobe.
     */
    List<LoadedModule> matching(String filter) {
        String wanted = normalise(filter);
        return modules.stream().filter(m -> normalise(m.name()).contains(wanted)).toList();
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
