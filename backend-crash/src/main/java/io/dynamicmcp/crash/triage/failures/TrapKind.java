package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.Backtrace;
import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FailureKind;
import io.dynamicmcp.crash.triage.FaultLookup;
import io.dynamicmcp.crash.triage.Incident;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the kinds a CPU trap reports share: a report line that starts the kernel's report, the trap handler's frames
 * that show it in a backtrace, and the faulting instruction looked up as the follow-up.
 */
abstract class TrapKind implements FailureKind {

    private final FailureClass failureClass;
    private final Pattern report;
    private final Set<String> frames;

    TrapKind(FailureClass failureClass, Pattern report, Set<String> frames) {
        this.failureClass = failureClass;
        this.report = report;
        this.frames = frames;
    }

    @Override
    public final FailureClass failureClass() {
        return failureClass;
    }

    @Override
    public final boolean startsReport(String line) {
        return report.matcher(line).find();
    }

    @Override
    public final boolean shownBy(Backtrace bt) {
        return Functions.any(bt, frames);
    }

    @Override
    public final List<String> followUps(Incident incident) {
        return FaultLookup.command(incident).stream().toList();
    }
}
