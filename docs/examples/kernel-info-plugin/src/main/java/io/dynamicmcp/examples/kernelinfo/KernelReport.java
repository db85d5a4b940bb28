package io.dynamicmcp.examples.kernelinfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code kernel_info} found, as structured content (matching {@link KernelInfoTool#outputSchema()}) and
 * as text. A value that could not be read is null and its file is named in {@code unreadable}.
 *
 * @param modules null when the caller did not ask for modules
 */
record KernelReport(String release, String version, String commandLine, Double uptimeSeconds, Long taint,
        Btf btf, Modules modules, List<String> unreadable) {

    /** Whether the kernel exposes its BTF type information. */
    record Btf(boolean available, String path, Long sizeBytes) {
    }

    /**
     * @param available false when {@code /proc/modules} is absent or unreadable
     * @param loaded every module loaded
     * @param filter the name filter applied to {@code shown}, or null
     * @param note why the list is missing or partial, or null
     */
    record Modules(boolean available, int loaded, String filter, List<LoadedModule> shown, String note) {
    }

    Map<String, Object> structured() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("release", release);
        out.put("version", version);
        out.put("command_line", commandLine);
        out.put("uptime_seconds", uptimeSeconds);
        out.put("taint", taintStructured());
        Map<String, Object> btfOut = new LinkedHashMap<>();
        btfOut.put("available", btf.available());
        btfOut.put("path", btf.path());
        btfOut.put("size_bytes", btf.sizeBytes());
        out.put("btf", btfOut);
        if (modules != null) {
            out.put("modules", modulesStructured());
        }
        out.put("unreadable", List.copyOf(unreadable));
        return out;
    }

    private Map<String, Object> taintStructured() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", taint);
        out.put("letters", taint == null ? "" : taintLetters(taint));
        List<Map<String, Object>> flags = new ArrayList<>();
        if (taint != null) {
            for (int bit : TaintFlag.setBits(taint)) {
                Map<String, Object> flag = new LinkedHashMap<>();
                flag.put("bit", bit);
                flag.put("letter", TaintFlag.ofBit(bit).map(f -> String.valueOf(f.letter())).orElse(null));
                flag.put("meaning", meaning(bit));
                flags.add(flag);
            }
        }
        out.put("flags", flags);
        return out;
    }

    private Map<String, Object> modulesStructured() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("available", modules.available());
        out.put("loaded", modules.loaded());
        out.put("filter", modules.filter());
        List<Map<String, Object>> list = new ArrayList<>();
        for (LoadedModule module : modules.shown()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", module.name());
            entry.put("size_bytes", module.sizeBytes());
            entry.put("refcount", module.refcount());
            entry.put("used_by", module.usedBy());
            entry.put("state", module.state());
            entry.put("taint", module.taint());
            entry.put("taint_meanings", module.taintMeanings());
            list.add(entry);
        }
        out.put("list", list);
        out.put("note", modules.note());
        return out;
    }

    /** The letters of the known set bits, lowest bit first, e.g. {@code POE}. */
    static String taintLetters(long value) {
        StringBuilder letters = new StringBuilder();
        for (int bit : TaintFlag.setBits(value)) {
            TaintFlag.ofBit(bit).ifPresent(flag -> letters.append(flag.letter()));
        }
        return letters.toString();
    }

    private static String meaning(int bit) {
        return TaintFlag.ofBit(bit).map(TaintFlag::meaning).orElse(
                "not known to this plugin (a newer kernel?); see the kernel's Documentation/admin-guide/tainted-kernels.rst");
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("Live host kernel ").append(orUnknown(release));
        if (uptimeSeconds != null) {
            out.append(", up ").append(duration(uptimeSeconds.longValue()));
        }
        out.append('\n');
        line(out, "version", orUnknown(version));
        line(out, "command line", orUnknown(commandLine));
        if (taint == null) {
            line(out, "tainted", "unknown");
        } else if (taint == 0) {
            line(out, "tainted", "no (0)");
        } else {
            line(out, "tainted", taint + " = " + taintLetters(taint));
            for (int bit : TaintFlag.setBits(taint)) {
                String letter = TaintFlag.ofBit(bit).map(f -> String.valueOf(f.letter())).orElse("?");
                out.append(String.format("                %s  bit %-2d  %s%n", letter, bit, meaning(bit)));
            }
        }
        line(out, "BTF", btf.available() ? "yes, " + btf.path() + (btf.sizeBytes() == null ? "" : " (" + btf.sizeBytes() + " bytes)")
                : "no, " + btf.path() + " is absent (bpftrace and CO-RE tools cannot use the kernel's BTF types)");
        if (modules != null) {
            modulesText(out);
        }
        for (String problem : unreadable) {
            line(out, "unreadable", problem);
        }
        return out.toString().stripTrailing();
    }

    private void modulesText(StringBuilder out) {
        if (!modules.available()) {
            line(out, "modules", modules.note());
            return;
        }
        String heading = modules.loaded() + " loaded";
        if (modules.filter() != null) {
            heading += ", " + modules.shown().size() + " matching \"" + modules.filter() + "\"";
        }
        if (modules.note() != null) {
            heading += " (" + modules.note() + ")";
        }
        line(out, "modules", heading);
        if (!modules.shown().isEmpty()) {
            out.append(String.format("                %-24s %10s %5s %-9s %-6s %s%n", "name", "size", "refs", "state", "taint", "used by"));
        }
        for (LoadedModule m : modules.shown()) {
            out.append(String.format("                %-24s %10d %5s %-9s %-6s %s%n", m.name(), m.sizeBytes(),
                    m.refcount() == null ? "-" : m.refcount(), m.state(), m.taint().isEmpty() ? "-" : m.taint(),
                    m.usedBy().isEmpty() ? "-" : String.join(",", m.usedBy())));
        }
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-15s %s%n", label + ":", value));
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    private static String duration(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h " + minutes + "m";
        }
        return hours > 0 ? hours + "h " + minutes + "m" : minutes + "m " + seconds % 60 + "s";
    }
}
