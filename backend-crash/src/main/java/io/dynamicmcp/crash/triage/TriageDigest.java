package io.dynamicmcp.crash.triage;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The short readable summary of a triage, for the text content. */
final class TriageDigest {

    private TriageDigest() {
    }

    @SuppressWarnings("unchecked")
    static String write(Map<String, Object> out, Backtrace bt, List<Modules.TaintedModule> tainted, int frames,
            int logLines) {
        StringBuilder text = new StringBuilder();
        text.append("Dump ").append(out.get("dump")).append(" (kernel ").append(out.get("release")).append("), session ")
                .append(out.get("session_id")).append(Boolean.TRUE.equals(out.get("reused_session")) ? " (reused)" : " (new)")
                .append('\n');
        text.append("PANIC: ").append(out.get("panic") == null ? "(none shown)" : out.get("panic")).append('\n');
        bt.task().ifPresentOrElse(
                t -> text.append("Task: PID ").append(t.pid()).append(" \"").append(t.command()).append("\" on CPU ")
                        .append(t.cpu()).append('\n'),
                () -> text.append("Task: unknown (bt showed no task header)\n"));
        if (!bt.frames().isEmpty()) {
            text.append("Backtrace: ").append(bt.frames().stream().limit(frames)
                    .map(f -> f.function() + f.offset().map(o -> "+" + o).orElse("") + f.module().map(m -> " [" + m + "]").orElse(""))
                    .collect(Collectors.joining(" <- ")));
            text.append(bt.frames().size() > frames ? " <- ... (" + bt.frames().size() + " frames)\n" : "\n");
        }
        if (!bt.exceptionRips().isEmpty()) {
            text.append("Exception RIP: ").append(String.join(", ", bt.exceptionRips())).append('\n');
        }
        Map<String, Object> taint = (Map<String, Object>) out.get("taint");
        List<Map<String, Object>> flags = (List<Map<String, Object>>) taint.get("flags");
        text.append("Taint: ").append(flags.isEmpty() ? "none" : flags.stream()
                .map(f -> f.get("letter") + " (" + f.get("meaning") + ")").collect(Collectors.joining(", ")))
                .append(taint.get("mask") == null ? " [from " + taint.get("source") + "]" : " [tainted_mask=" + taint.get("mask") + "]")
                .append('\n');
        List<String> modules = (List<String>) out.get("modules");
        text.append("Modules: ").append(modules.size()).append(" loaded");
        if (!modules.isEmpty()) {
            text.append(" (").append(String.join(", ", modules)).append(')');
        }
        text.append(tainted.isEmpty() ? "; none tainted" : "; tainted: " + tainted.stream()
                .map(m -> m.name() + " " + m.flags()).collect(Collectors.joining(", "))).append('\n');
        Map<String, Object> memory = (Map<String, Object>) out.get("memory");
        if (!memory.isEmpty()) {
            text.append("Memory: ").append(memoryLine(memory)).append('\n');
        }
        List<String> log = (List<String>) out.get("log_before_panic");
        if (!log.isEmpty()) {
            text.append("Last log lines before the panic:\n");
            log.subList(Math.max(0, log.size() - logLines), log.size()).forEach(l -> text.append("  ").append(l).append('\n'));
        }
        List<String> problems = (List<String>) out.get("problems");
        text.append("Problems: ").append(problems.isEmpty() ? "none" : "").append('\n');
        problems.forEach(p -> text.append("  - ").append(p).append('\n'));
        text.append("Next: crash_command with session_id ").append(out.get("session_id"))
                .append(", e.g. 'bt -a', 'log', 'ps', 'dis -rl <function>', 'struct task_struct <addr>'.");
        return text.toString();
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
