package io.dynamicmcp.crash.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The readable summary of a triage, for the text content: one screen (at most {@link #MAX_LINES} lines). */
final class TriageDigest {

    /** The most lines the digest has. */
    static final int MAX_LINES = 40;

    private static final int FRAMES = 8;
    private static final int LOG_LINES = 5;
    private static final int PROBLEMS = 4;
    private static final int NAMES = 12;

    private TriageDigest() {
    }

    @SuppressWarnings("unchecked")
    static String write(Map<String, Object> out, Backtrace bt, List<Modules.TaintedModule> tainted, Diagnosis diagnosis) {
        List<String> lines = new ArrayList<>();
        lines.add("Dump " + out.get("dump") + " (kernel " + out.get("release") + "), session " + out.get("session_id")
                + (Boolean.TRUE.equals(out.get("reused_session")) ? " (reused)" : " (new)") + ", crash "
                + out.get("crash_version"));
        lines.add("Class: " + out.get("class") + " (from the " + basis(out.get("classified_from")) + "): "
                + out.get("class_meaning"));
        if (out.get("report_line") != null) {
            lines.add("Report: " + out.get("report_line"));
        }
        lines.add("Panic: " + (out.get("panic_line") != null ? out.get("panic_line") : "(no panic line in the log)"));
        if (out.get("panic") != null && !out.get("panic").equals(out.get("panic_line"))) {
            lines.add("  sys PANIC: " + out.get("panic"));
        }
        Map<String, Object> culprit = (Map<String, Object>) out.get("culprit");
        if (culprit == null) {
            lines.add("Culprit: not found (no frame to blame in the log or the backtrace)");
        } else {
            lines.add("Culprit: " + culprit.get("function") + (culprit.get("module") == null ? "" : " [" + culprit.get("module") + "]")
                    + (culprit.get("source") == null ? "" : " at " + culprit.get("source")) + " - " + culprit.get("basis"));
        }
        Map<String, Object> signature = (Map<String, Object>) out.get("signature");
        lines.add("Signature: " + signature.get("id") + " (" + signature.get("basis") + ")");
        Map<String, Object> task = (Map<String, Object>) out.get("task");
        lines.add(task == null ? "Task: unknown (bt showed no task header, the log no CPU/PID line)"
                : "Task: PID " + task.get("pid") + " \"" + task.get("command") + "\" on CPU " + task.get("cpu"));
        lines.addAll(diagnosis.findings().digestLines());
        if (!bt.frames().isEmpty()) {
            lines.add("Backtrace: " + bt.frames().stream().limit(FRAMES)
                    .map(f -> f.function() + f.offset().map(o -> "+" + o).orElse("") + f.module().map(m -> " [" + m + "]").orElse(""))
                    .collect(Collectors.joining(" <- "))
                    + (bt.frames().size() > FRAMES ? " <- ... (" + bt.frames().size() + " frames)" : ""));
        }
        Map<String, Object> taint = (Map<String, Object>) out.get("taint");
        List<Map<String, Object>> flags = (List<Map<String, Object>>) taint.get("flags");
        lines.add("Taint: " + (flags.isEmpty() ? "none" : flags.stream()
                .map(f -> f.get("letter") + " (" + f.get("meaning") + ")").collect(Collectors.joining(", ")))
                + (taint.get("mask") == null ? " [from " + taint.get("source") + "]" : " [tainted_mask=" + taint.get("mask") + "]"));
        List<String> modules = (List<String>) out.get("modules");
        lines.add("Modules: " + modules.size() + " loaded" + (modules.isEmpty() ? "" : " (" + names(modules) + ")")
                + (tainted.isEmpty() ? "; none tainted" : "; tainted: " + tainted.stream()
                        .map(m -> m.name() + " " + m.flags()).collect(Collectors.joining(", "))));
        List<Map<String, Object>> symbols = (List<Map<String, Object>>) out.get("module_symbols");
        if (!symbols.isEmpty()) {
            List<String> loaded = symbols.stream().filter(s -> "loaded".equals(s.get("status"))).map(s -> (String) s.get("module")).toList();
            List<String> missing = symbols.stream().filter(s -> !"loaded".equals(s.get("status"))).map(s -> (String) s.get("module")).toList();
            lines.add("Module symbols: " + (loaded.isEmpty() ? "none loaded" : "loaded for " + names(loaded))
                    + (missing.isEmpty() ? "" : "; none for " + names(missing)));
        }
        Map<String, Object> memory = (Map<String, Object>) out.get("memory");
        if (!memory.isEmpty()) {
            lines.add("Memory: " + memoryLine(memory));
        }
        List<String> evidence = ((List<String>) out.get("evidence")).stream()
                .filter(e -> !e.equals(out.get("report_line")) && !e.equals(out.get("panic_line"))).limit(3).toList();
        if (!evidence.isEmpty()) {
            lines.add("Evidence: " + String.join(" | ", evidence));
        }
        List<String> log = (List<String>) out.get("log_before_panic");
        if (!log.isEmpty()) {
            lines.add("Last log lines before the panic:");
            log.subList(Math.max(0, log.size() - LOG_LINES), log.size()).forEach(l -> lines.add("  " + l));
        }
        List<String> problems = (List<String>) out.get("problems");
        lines.add("Problems: " + (problems.isEmpty() ? "none" : problems.size()));
        problems.stream().limit(PROBLEMS).forEach(p -> lines.add("  - " + p));
        if (problems.size() > PROBLEMS) {
            lines.add("  - ... " + (problems.size() - PROBLEMS) + " more under 'problems'");
        }
        List<String> next = (List<String>) out.get("next_steps");
        lines.add("Next (crash_command with session_id " + out.get("session_id") + "):");
        int room = Math.max(1, MAX_LINES - lines.size());
        next.stream().limit(room).forEach(n -> lines.add("  - " + n));
        return String.join("\n", lines.subList(0, Math.min(lines.size(), MAX_LINES)));
    }

    private static String basis(Object basis) {
        return switch (String.valueOf(basis)) {
            case "log" -> "kernel log";
            case "sys" -> "sys PANIC string";
            case "bt" -> "backtrace";
            default -> "nothing: no evidence matched";
        };
    }

    private static String names(List<String> names) {
        return names.size() <= NAMES ? String.join(", ", names)
                : String.join(", ", names.subList(0, NAMES)) + ", ... (" + (names.size() - NAMES) + " more)";
    }

    @SuppressWarnings("unchecked")
    private static String memoryLine(Map<String, Object> memory) {
        StringBuilder line = new StringBuilder();
        for (String[] row : new String[][] {{"total_mem", "total"}, {"free", "free"}, {"used", "used"},
                {"slab", "slab"}, {"total_swap", "swap"}, {"swap_used", "swap used"}}) {
            Map<String, Object> values = (Map<String, Object>) memory.get(row[0]);
            if (values != null) {
                if (line.length() > 0) {
                    line.append(", ");
                }
                line.append(row[1]).append(' ').append(values.get("size"));
                if (values.get("percent") != null) {
                    line.append(" (").append(values.get("percent")).append("%)");
                }
            }
        }
        return line.toString();
    }
}
