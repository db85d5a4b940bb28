package io.dynamicmcp.crash.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stack traces the kernel prints into its log ({@code Call Trace:}, one frame a line) and its RIP lines. */
public final class LogTrace {

    private static final Pattern FRAME = Pattern.compile(
            "^\\s*(\\? )?([A-Za-z_.$][\\w.$]*)\\+(0x[0-9a-f]+)/0x[0-9a-f]+(?:\\s+\\[([\\w-]+)\\])?\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*(<(/?)(TASK|IRQ|NMI|SOFTIRQ|EOI|#\\w+)>|\\? 0x[0-9a-f]+)\\s*$");
    private static final Pattern REGISTERS = Pattern.compile(
            "^\\s*(RIP|RSP|RAX|RBX|RCX|RDX|RSI|RDI|RBP|R\\d+|Code|FS|CS|CR\\d|DR\\d|PKRU|ORIG_RAX)\\b.*:.*$");
    private static final Pattern KERNEL_RIP = Pattern.compile(
            "^\\s*RIP: 0010:(?:\\[<[0-9a-f]+>\\]\\s*)?(?:\\[<[0-9a-f]+>\\]\\s*)?([A-Za-z_.$][\\w.$]*)\\+(0x[0-9a-f]+)/0x[0-9a-f]+"
                    + "(?:\\s+\\[([\\w-]+)\\])?");
    private static final int MAX_FRAMES = 200;

    private LogTrace() {
    }

    /** Parses one frame line, or empty. */
    static Optional<StackFrame> frame(String text) {
        Matcher m = FRAME.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new StackFrame(m.group(2), Optional.of(m.group(3)), Optional.ofNullable(m.group(4)),
                Optional.empty(), m.group(1) == null));
    }

    /** The index of the first line in [from, to) that contains {@code needle}, or -1. */
    static int find(KernelLog log, String needle, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, log.size()); i++) {
            if (log.line(i).contains(needle)) {
                return i;
            }
        }
        return -1;
    }

    /** The frames of the first {@code Call Trace:} in [from, to); empty when there is none. */
    public static List<StackFrame> firstTrace(KernelLog log, int from, int to) {
        int start = find(log, "Call Trace:", from, to);
        return start < 0 ? List.of() : framesFrom(log, start + 1);
    }

    /** The frames of the trace whose first line is {@code start}, up to its end marker or its first other line. */
    public static List<StackFrame> framesFrom(KernelLog log, int start) {
        List<StackFrame> frames = new ArrayList<>();
        for (int i = start; i < log.size() && frames.size() < MAX_FRAMES; i++) {
            String text = log.line(i);
            Optional<StackFrame> frame = frame(text);
            if (frame.isPresent()) {
                frames.add(frame.get());
                continue;
            }
            Matcher marker = MARKER.matcher(text);
            if (marker.matches()) {
                if ("/".equals(marker.group(2)) && "TASK".equals(marker.group(3))) {
                    break;
                }
                continue;
            }
            if (!REGISTERS.matcher(text).matches()) {
                break;
            }
        }
        return List.copyOf(frames);
    }

    /** The first kernel-mode {@code RIP: 0010:func+0x18/0x28 [module]} line in [from, to), as a frame. */
    public static Optional<StackFrame> kernelRip(KernelLog log, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, log.size()); i++) {
            Matcher m = KERNEL_RIP.matcher(log.line(i));
            if (m.find()) {
                return Optional.of(new StackFrame(m.group(1), Optional.of(m.group(2)), Optional.ofNullable(m.group(3)),
                        Optional.empty(), true));
            }
        }
        return Optional.empty();
    }

    /** The raw text of that RIP line, for evidence. */
    public static Optional<String> kernelRipLine(KernelLog log, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, log.size()); i++) {
            if (KERNEL_RIP.matcher(log.line(i)).find()) {
                return Optional.of(log.line(i).strip());
            }
        }
        return Optional.empty();
    }
}
