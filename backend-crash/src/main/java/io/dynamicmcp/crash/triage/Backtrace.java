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
 */
public record Backtrace(Optional<Task> task, List<Frame> frames, List<String> exceptionRips, List<String> errors) {

    private static final Pattern HEADER = Pattern.compile(
            "^PID:\\s*(\\d+)\\s+TASK:\\s*([0-9a-f]+)\\s+CPU:\\s*(\\d+)\\s+COMMAND:\\s*\"(.*)\"\\s*$");
    private static final Pattern FRAME = Pattern.compile(
            "^\\s*#(\\d+)\\s+\\[([0-9a-f]+)\\]\\s+([^\\s+]+)(?:\\+(0x[0-9a-f]+))?\\s+at\\s+([0-9a-f]+)(?:\\s+\\[([^\\]]+)\\])?.*$");
    private static final Pattern EXCEPTION = Pattern.compile("\\[exception RIP:\\s*([^\\]]+)\\]");
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
    }

    public Backtrace {
        frames = List.copyOf(frames);
        exceptionRips = List.copyOf(exceptionRips);
        errors = List.copyOf(errors);
    }

    public static Backtrace parse(List<String> lines) {
        Optional<Task> task = Optional.empty();
        List<Frame> frames = new ArrayList<>();
        List<String> rips = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String line : lines) {
            Matcher header = HEADER.matcher(line.strip());
            Matcher frame = FRAME.matcher(line);
            Matcher rip = EXCEPTION.matcher(line);
            if (task.isEmpty() && header.matches()) {
                task = Optional.of(new Task(Long.parseLong(header.group(1)), header.group(2),
                        Integer.parseInt(header.group(3)), header.group(4)));
            } else if (frame.matches()) {
                frames.add(new Frame(Integer.parseInt(frame.group(1)), frame.group(3),
                        Optional.ofNullable(frame.group(4)), Optional.ofNullable(frame.group(6)),
                        frame.group(5), frame.group(2)));
            } else if (rip.find()) {
                rips.add(rip.group(1).strip());
            } else if (ERROR.matcher(line.strip()).matches()) {
                errors.add(line.strip());
            }
        }
        return new Backtrace(task, frames, rips, errors);
    }

    List<Map<String, Object>> frameMaps() {
        return frames.stream().map(Frame::toMap).toList();
    }
}
