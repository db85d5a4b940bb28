package io.dynamicmcp.bpftrace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the lines of {@code bpftrace -l} / {@code -lv}: a probe name per line, its arguments indented below
 * it (with {@code -v}), and warnings. Counts every match but keeps at most {@code max}.
 */
final class ProbeListing {

    private final int max;
    private final boolean withArguments;
    private final List<Map<String, Object>> probes = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private List<String> lastArguments;
    private int matched;

    ProbeListing(int max, boolean withArguments) {
        this.max = max;
        this.withArguments = withArguments;
    }

    void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        if (Character.isWhitespace(line.charAt(0))) {
            if (lastArguments != null) {
                lastArguments.add(line.trim());
            }
            return;
        }
        lastArguments = null;
        if (line.contains(" ") || line.startsWith("ERROR") || line.startsWith("WARNING") || line.startsWith("FATAL")) {
            messages.add(line);
            return;
        }
        if (line.contains("*")) {
            return; // bpftrace 0.17 echoes patterns it could not expand, e.g. "hardware:*x*:"; not a probe
        }
        matched++;
        if (probes.size() < max) {
            Map<String, Object> probe = new LinkedHashMap<>();
            probe.put("name", line);
            if (withArguments) {
                lastArguments = new ArrayList<>();
                probe.put("arguments", lastArguments);
            }
            probes.add(probe);
        }
    }

    int matched() {
        return matched;
    }

    List<Map<String, Object>> probes() {
        return probes;
    }

    List<String> messages() {
        return messages;
    }
}
