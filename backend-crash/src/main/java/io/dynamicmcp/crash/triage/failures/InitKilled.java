package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.Backtrace;
import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FailureKind;
import io.dynamicmcp.crash.triage.Findings;
import io.dynamicmcp.crash.triage.Incident;
import io.dynamicmcp.crash.triage.StepOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code Attempted to kill init! exitcode=0x0000000b}: PID 1 exited or died; the exit code says how. */
final class InitKilled implements FailureKind {

    private static final Pattern EXIT_CODE = Pattern.compile("exitcode=(0x[0-9a-f]+)");
    private static final List<String> SIGNALS = List.of("", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
            "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM");

    @Override
    public FailureClass failureClass() {
        return FailureClass.INIT_KILLED;
    }

    @Override
    public boolean panicsWith(String message) {
        return message.startsWith("Attempted to kill init!");
    }

    @Override
    public boolean shownBy(Backtrace bt) {
        return bt.task().map(t -> t.pid() == 1).orElse(false)
                && bt.functions().stream().anyMatch(f -> Functions.base(f).equals("do_exit")
                        || Functions.base(f).equals("do_group_exit") || Functions.base(f).equals("make_task_dead"));
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        Optional<Matcher> code = incident.panicLine().or(incident::sysPanic).map(EXIT_CODE::matcher).filter(Matcher::find);
        code.ifPresent(m -> {
            int value = Integer.parseUnsignedInt(m.group(1).substring(2), 16);
            Map<String, Object> exit = new LinkedHashMap<>();
            exit.put("code", m.group(1));
            exit.put("meaning", meaning(value));
            findings.put("exit", exit);
            findings.digest("init's exit code " + m.group(1) + ": " + meaning(value));
        });
        incident.panicLine().ifPresent(findings::evidence);
    }

    /** What a wait status means: an exit status, or the signal that killed the task. */
    static String meaning(int status) {
        int signal = status & 0x7f;
        if (signal == 0) {
            return "init exited with status " + ((status >> 8) & 0xff) + " (the init program or script ended)";
        }
        String name = signal < SIGNALS.size() ? SIGNALS.get(signal) : "signal " + signal;
        return "init was killed by " + name + " (" + signal + ")" + ((status & 0x80) != 0 ? ", core dumped" : "");
    }

    @Override
    public List<String> nextSteps() {
        return List.of("read the log before the panic for why init ended: its own messages, a segfault line, an OOM kill",
                "for a signal, crash_command 'log | grep -i \"init\\[1\\]\\|segfault\"'; for an exit, check the init "
                        + "program or script (an initramfs that ran out of commands exits with status 0)");
    }
}
