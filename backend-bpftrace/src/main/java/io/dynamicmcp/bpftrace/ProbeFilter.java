package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.ToolException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@code bpftrace -l} search pattern before it reaches bpftrace, which aborts on probe types it does
 * not know and reads a pattern starting with {@code -} as an option.
 */
final class ProbeFilter {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_:*?.\\-/+@\\[\\],]{1,256}");
    private static final Set<String> TYPES = Set.of("kprobe", "k", "kretprobe", "kr", "uprobe", "u", "uretprobe", "ur",
            "usdt", "U", "tracepoint", "t", "profile", "p", "interval", "i", "software", "s", "hardware", "h",
            "watchpoint", "w", "asyncwatchpoint", "aw", "kfunc", "f", "kretfunc", "fr", "iter", "it",
            "rawtracepoint", "rt", "BEGIN", "END");

    private ProbeFilter() {
    }

    /** The pattern to pass to {@code bpftrace -l}; a bare word becomes a substring search ({@code *word*}). */
    static String normalize(String filter) {
        String trimmed = filter.trim();
        if (trimmed.startsWith("-")) {
            throw new ToolException("filter must not start with '-'; give a probe pattern such as 'tracepoint:sched:*'");
        }
        if (!ALLOWED.matcher(trimmed).matches()) {
            throw new ToolException("filter may only hold letters, digits and _ : * ? . - / + @ [ ] , (at most 256); "
                    + "e.g. 'tracepoint:syscalls:sys_enter_open*' or 'kprobe:vfs_*'");
        }
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            return trimmed.contains("*") || trimmed.contains("?") ? trimmed : "*" + trimmed + "*";
        }
        String type = trimmed.substring(0, colon);
        if (!type.contains("*") && !type.contains("?") && !TYPES.contains(type)) {
            throw new ToolException("unknown probe type '" + type + "'; use one of kprobe, kretprobe, tracepoint, "
                    + "rawtracepoint, kfunc, kretfunc, uprobe, uretprobe, usdt, software, hardware, profile, interval");
        }
        return trimmed;
    }
}
