package io.dynamicmcp.crash.triage;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.session.SessionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One triage of a dump, in three rounds of crash commands: the first pass ({@link TriageReport#COMMANDS}); once the
 * class is known, its follow-ups; once the culprit is known, where it is in the source. Then the report.
 */
public final class Triage {

    /** Runs one crash command (policy-checked, audited, bounded) and says what it gave; never throws for a failure. */
    @FunctionalInterface
    public interface Commands {
        StepOutput run(String command);
    }

    /** Told before each command. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int expected, String message);
    }

    private final Classifier classifier;

    public Triage(Classifier classifier) {
        this.classifier = requireNonNull(classifier, "classifier is null");
    }

    /** The structured summary (see the {@code crash_triage} output schema), its digest under {@code digest}. */
    public Map<String, Object> run(SessionInfo session, boolean reused, Commands commands, Progress progress) {
        Map<String, StepOutput> steps = new LinkedHashMap<>();
        Runner runner = new Runner(commands, progress, steps);
        runner.runAll(TriageReport.COMMANDS);
        Incident incident = classifier.classify(KernelLog.of(steps.get(TriageReport.LOG_COMMAND).lines()),
                SysReport.parse(steps.get("sys").lines()).panic().or(session::panic), backtrace(runner, steps),
                seesSleepingTasks(session), session.crashVersion());
        FailureKind kind = incident.kind();
        runner.runAll(kind.followUps(incident));
        Optional<Culprit> culprit = CulpritFinder.find(incident, kind.culpritStack(incident, steps));
        culprit.ifPresent(c -> runner.runAll(SourceLookup.commands(incident, c)));
        Findings findings = new Findings();
        kind.read(incident, steps, findings);
        Signature signature = Signature.of(incident.failureClass(), culprit,
                incident.log().panicMessage().or(incident::sysPanic), incident.bt());
        Diagnosis diagnosis = new Diagnosis(incident, culprit.map(c -> SourceLookup.read(incident, c, steps)),
                signature, findings);
        return new TriageReport(session, reused, steps).build(diagnosis);
    }

    /** The panic task's backtrace, from the unwinder that found its caller: see {@link Unwinders}. */
    private static Backtrace backtrace(Runner runner, Map<String, StepOutput> steps) {
        return Unwinders.choose(Backtrace.parse(steps.get("bt").lines()), () -> {
            runner.runAll(List.of(TriageReport.OLD_UNWINDER));
            return Backtrace.parse(steps.get(TriageReport.OLD_UNWINDER).lines());
        });
    }

    /** Whether this crash lists sleeping tasks: 8.0.4 or later, or an older one that did not warn at start-up. */
    static boolean seesSleepingTasks(SessionInfo session) {
        return !session.crashMissesSleepingTasks();
    }

    /** Runs commands once each, in order, counting them for the progress. */
    private static final class Runner {

        private final Commands commands;
        private final Progress progress;
        private final Map<String, StepOutput> steps;
        private int expected = TriageReport.COMMANDS.size();

        Runner(Commands commands, Progress progress, Map<String, StepOutput> steps) {
            this.commands = commands;
            this.progress = progress;
            this.steps = steps;
        }

        void runAll(List<String> lines) {
            List<String> fresh = new ArrayList<>(lines.stream().filter(l -> !steps.containsKey(l)).distinct().toList());
            if (steps.size() + fresh.size() > expected) {
                expected = steps.size() + fresh.size();
            }
            for (String line : fresh) {
                progress.step(steps.size(), expected, "running '" + line + "'");
                steps.put(line, commands.run(line));
            }
        }
    }
}
