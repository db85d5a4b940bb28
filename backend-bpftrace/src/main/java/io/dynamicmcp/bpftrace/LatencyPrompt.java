package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.Prompt;
import io.dynamicmcp.spi.ToolException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code trace_syscall_latency(process?)}: a measured workflow with a ready script, checked before it runs. */
final class LatencyPrompt {

    static final String NAME = "trace_syscall_latency";
    private static final Pattern COMM = Pattern.compile("[A-Za-z0-9_.:+-]{1,15}");

    /** The script the prompt proposes: a per-syscall latency histogram over five seconds. */
    static String script(String process) {
        String filter = process == null ? "" : " /comm == \"" + process + "\"/";
        return "tracepoint:raw_syscalls:sys_enter" + filter + " { @start[tid] = nsecs; }\n"
                + "tracepoint:raw_syscalls:sys_exit /@start[tid]/ {\n"
                + "  @usecs[args->id] = hist((nsecs - @start[tid]) / 1000);\n"
                + "  delete(@start[tid]);\n"
                + "}\n"
                + "interval:s:5 { clear(@start); exit(); }\n";
    }

    Prompt prompt() {
        return Prompt.builder(NAME)
                .title("Trace system-call latency")
                .description("Measure how long system calls take on the live host for five seconds, optionally for one "
                        + "process, as histograms per syscall number, and explain the slow ones.")
                .argument("process", "A process name (comm, at most 15 characters) to trace; default: every process",
                        false)
                .renderer(LatencyPrompt::render)
                .build();
    }

    private static List<Prompt.Message> render(Map<String, String> arguments) {
        String process = arguments.get("process");
        if (process != null && process.isBlank()) {
            process = null;
        }
        if (process != null && !COMM.matcher(process).matches()) {
            throw new ToolException("process must be a command name of 1-15 letters, digits or _.:+- (as in ps -o comm)");
        }
        String who = process == null ? "every process" : "the process '" + process + "'";
        return List.of(new Prompt.Message(Prompt.Role.USER, """
                Measure system-call latency of %s on this host.
                1. Call get_bpftrace_info and check that bpftrace is available and tracepoints work.
                2. Call validate_bpftrace_script with the script below; fix nothing by guessing: if it is invalid, \
                report bpftrace's message.
                3. Call execute_bpftrace_script with the same script (timeout 30). It traces for five seconds and \
                returns @usecs: one histogram of microseconds per syscall number.
                4. Name the syscalls with the largest counts and the slowest buckets (map numbers to names with \
                'ausyscall <n>' knowledge or /usr/include/asm/unistd_64.h), and say which look abnormal and why. \
                Five seconds is a sample: say so.

                ```
                %s```
                """.formatted(who, script(process))));
    }
}
