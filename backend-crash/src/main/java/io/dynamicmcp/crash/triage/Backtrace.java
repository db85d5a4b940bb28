package io.dynamicmcp.crash.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * crash's {@code bt} output: the task header ({@code PID: 1  TASK: ...  CPU: 0  COMMAND: "init"}), the frames
 * ({@code #1 [ff5b...] sysrq_handle_crash at ffffffffa0ea8a06 [module]}), exception RIPs and crash's own error lines.
 * {@link #parseAll} splits the output of {@code bt -a} or {@code foreach UN bt} into one per task.
 */
public record Backtrace(Optional<Task> task, List<Frame> frames, List<String> exceptionRips,
        List<ExceptionFrame> exceptions, List<String> errors) {

    private static final Pattern HEADER = Pattern.compile(
            "^PID:\\s*(\\d+)\\s+TASK:\\s*([0-9a-f]+)\\s+CPU:\\s*(\\d+)\\s+COMMAND:\\s*\"(.*)\"\\s*$");
    private static final Pattern FRAME = Pattern.compile(
            "^\\s*#(\\d+)\\s+\\[([0-9a-f]+)\\]\\s+([^\\s+]+)(?:\\+(0x[0-9a-f]+))?\\s+at\\s+([0-9a-f]+)(?:\\s+\\[([^\\]]+)\\])?.*$");
    private static final Pattern EXCEPTION = Pattern.compile("\\[exception RIP:\\s*([^\\]]+)\\]");
    private static final Pattern RIP_REGISTER = Pattern.compile("^\\s*RIP:\\s*([0-9a-f]{16})\\b");
    private static final Pattern SYMBOL_OFFSET = Pattern.compile("^([A-Za-z_.$][\\w.$]*)\\+(\\d+)$");
    private static final Pattern ERROR = Pattern.compile("^bt: .*");

    /** The task whose stack is shown. */
    public record Task(long pid, String address, int cpu, String command) {
    }

    /** One stack frame; {@code offset} and {@code module} only when crash shows them. */
    public record Frame(int number, String function, Optional<String> offset, Optional<String> module,
            String address, String stackAddress) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("number", number);
            map.put("function", function);
            map.put("offset", offset.orElse(null));
            map.put("module", module.orElse(null));
            map.put("address", address);
            map.put("stack_address", stackAddress);
            return map;
        }

        /** As a {@link StackFrame}: crash's frames are return addresses it unwound to, so all count as reliable. */
        public StackFrame toStackFrame() {
            return new StackFrame(function, offset, module, Optional.of(address), true);
        }
    }

    /**
     * An {@code [exception RIP: func+24]} line with the RIP register crash printed below it.
     *
     * @param frameIndex how many frames come before it (the exception interrupted the frame at that index)
     */
    public record ExceptionFrame(String location, Optional<String> rip, int frameIndex) {

        /** The function and offset, when crash could name them ({@code no symbolic reference} otherwise). */
        public Optional<StackFrame> symbol() {
            Matcher m = SYMBOL_OFFSET.matcher(location);
            return m.matches()
                    ? Optional.of(new StackFrame(m.group(1), Optional.of(m.group(2)), Optional.empty(), rip, true))
                    : Optional.empty();
        }

        /** Whether the RIP is a kernel address (not a user-space one). */
        public boolean inKernel() {
            return rip.map(r -> r.startsWith("ffff")).orElse(symbol().isPresent());
        }
    }

    public Backtrace {
        frames = List.copyOf(frames);
        exceptionRips = List.copyOf(exceptionRips);
        exceptions = List.copyOf(exceptions);
        errors = List.copyOf(errors);
    }

    public static Backtrace parse(List<String> lines) {
        Optional<Task> task = Optional.empty();
        List<Frame> frames = new ArrayList<>();
        List<String> rips = new ArrayList<>();
        List<ExceptionFrame> exceptions = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String pendingException = null;
        for (String line : lines) {
            Matcher header = HEADER.matcher(line.strip());
            Matcher frame = FRAME.matcher(line);
            Matcher rip = EXCEPTION.matcher(line);
            Matcher register = RIP_REGISTER.matcher(line);
            if (pendingException != null) {
                exceptions.add(new ExceptionFrame(pendingException,
                        register.find() ? Optional.of(register.group(1)) : Optional.empty(), frames.size()));
                pendingException = null;
            }
            if (task.isEmpty() && header.matches()) {
                task = Optional.of(new Task(Long.parseLong(header.group(1)), header.group(2),
                        Integer.parseInt(header.group(3)), header.group(4)));
            } else if (frame.matches()) {
                frames.add(new Frame(Integer.parseInt(frame.group(1)), frame.group(3),
                        Optional.ofNullable(frame.group(4)), Optional.ofNullable(frame.group(6)),
                        frame.group(5), frame.group(2)));
            } else if (rip.find()) {
                rips.add(rip.group(1).strip());
                pendingException = rip.group(1).strip();
            } else if (ERROR.matcher(line.strip()).matches()) {
                errors.add(line.strip());
            }
        }
        if (pendingException != null) {
            exceptions.add(new ExceptionFrame(pendingException, Optional.empty(), frames.size()));
        }
        return new Backtrace(task, frames, rips, exceptions, errors);
    }

    /** One backtrace per {@code PID: ...} header, for {@code bt -a} and {@code foreach ... bt}. */
    public static List<Backtrace> parseAll(List<String> lines) {
        List<Backtrace> all = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : lines) {
            if (HEADER.matcher(line.strip()).matches() && !current.isEmpty()) {
                all.add(parse(current));
                current = new ArrayList<>();
            }
            current.add(line);
        }
        if (current.stream().anyMatch(l -> HEADER.matcher(l.strip()).matches())) {
            all.add(parse(current));
        }
        return List.copyOf(all);
    }

    /** The first kernel-mode exception, if the stack shows one. */
    public Optional<ExceptionFrame> kernelException() {
        return exceptions.stream().filter(ExceptionFrame::inKernel).findFirst();
    }

    /** The frames as {@link StackFrame}s, innermost first. */
    public List<StackFrame> stack() {
        return frames.stream().map(Frame::toStackFrame).toList();
    }

    /** Function names, innermost first. */
    public List<String> functions() {
        return frames.stream().map(Frame::function).toList();
    }

    List<Map<String, Object>> frameMaps() {
        return frames.stream().map(Frame::toMap).toList();
    }
}
