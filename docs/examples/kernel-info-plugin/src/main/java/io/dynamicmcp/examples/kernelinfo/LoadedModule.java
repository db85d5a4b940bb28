package io.dynamicmcp.examples.kernelinfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of {@code /proc/modules}: {@code name size refcount used-by state address [(taint letters)]}. The
 * load address is deliberately not kept: as root it is the real kernel address, which would hand a client
 * the KASLR offset for no diagnostic gain.
 *
 * @param refcount null when the kernel cannot unload modules and prints {@code -}
 * @param taint the module's taint letters, e.g. {@code OE}; empty when it taints nothing
 */
record LoadedModule(String name, long sizeBytes, Integer refcount, List<String> usedBy, String state, String taint) {

    /** One line, or null if it is not in the kernel's format. */
    static LoadedModule parse(String line) {
        String[] fields = line.split("\\s+");
        if (fields.length < 5 || !fields[1].matches("\\d{1,18}") || !fields[2].matches("-|\\d{1,9}")) {
            return null;
        }
        Integer refcount = fields[2].equals("-") ? null : Integer.valueOf(fields[2]);
        List<String> usedBy = fields[3].equals("-") ? List.of()
                : Arrays.stream(fields[3].split(",")).filter(s -> !s.isBlank()).toList();
        String last = fields[fields.length - 1];
        String taint = fields.length >= 7 && last.matches("\\([A-Z]+\\)") ? last.substring(1, last.length() - 1) : "";
        return new LoadedModule(fields[0], Long.parseLong(fields[1]), refcount, usedBy, fields[4], taint);
    }

    /** The meaning of each taint letter, e.g. {@code O: externally-built ...}. */
    List<String> taintMeanings() {
        List<String> meanings = new ArrayList<>();
        for (char letter : taint.toCharArray()) {
            meanings.add(letter + ": " + TaintFlag.ofLetter(letter).map(TaintFlag::meaning).orElse("unknown to this plugin"));
        }
        return meanings;
    }
}
