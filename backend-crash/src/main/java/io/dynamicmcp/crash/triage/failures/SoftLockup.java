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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code watchdog: BUG: soft lockup - CPU#0 stuck for 13s! [insmod:99]}, fatal with {@code softlockup_panic}. */
final class SoftLockup implements FailureKind {

    private static final Pattern REPORT = Pattern.compile("BUG: soft lockup - CPU#(\\d+) stuck for (\\d+)s! \\[(.+):(\\d+)\\]");
    private static final Set<String> FRAMES = Set.of("watchdog_timer_fn");

    @Override
    public FailureClass failureClass() {
        return FailureClass.SOFT_LOCKUP;
    }

    @Override
    public boolean startsReport(String line) {
        return REPORT.matcher(line).find();
    }

    @Override
    public boolean panicsWith(String message) {
        return message.startsWith("softlockup: hung tasks");
    }

    @Override
    public boolean shownBy(Backtrace bt) {
        return Functions.any(bt, FRAMES);
    }

    @Override
    public List<String> followUps(Incident incident) {
        return List.of(CpuStacks.COMMAND);
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        incident.reportLine().map(REPORT::matcher).filter(Matcher::find).ifPresent(m -> {
            Map<String, Object> stuck = new LinkedHashMap<>();
            stuck.put("cpu", Integer.parseInt(m.group(1)));
            stuck.put("seconds", Integer.parseInt(m.group(2)));
            stuck.put("command", m.group(3));
            stuck.put("pid", Long.parseLong(m.group(4)));
            findings.put("stuck", stuck);
            findings.digest("CPU " + m.group(1) + " ran \"" + m.group(3) + "\" (PID " + m.group(4) + ") for " + m.group(2)
                    + " s without scheduling; every CPU's stack:");
        });
        CpuStacks.read(outputs, findings);
    }

    @Override
    public List<String> nextSteps() {
        return List.of("the stuck CPU's stack (under cpus) shows the loop: look for a spin, a retry loop or a long "
                        + "walk without cond_resched()",
                "crash_command 'dis -rl <function>+<offset>' at the interrupted instruction",
                "crash_command 'bt -a' again after 'set -c <cpu>' to read one CPU's frames in full");
    }
}
