package io.dynamicmcp.crash.triage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way a kernel dies: how to recognise it (in the kernel log, in crash's {@code sys} PANIC string, in the
 * panicking task's backtrace) and what to look at next. Implementations are small and stateless; the
 * {@link Classifier} asks them in order.
 */
public interface FailureKind {

    FailureClass failureClass();

    /** Whether {@code line} (a kernel log line without its time stamp) is the first line of this class's report. */
    default boolean startsReport(String line) {
        return false;
    }

    /** Whether a panic message (what follows "Kernel panic - not syncing: ") is the one this class panics with. */
    default boolean panicsWith(String message) {
        return false;
    }

    /** The last resort, when neither the log nor sys say: whether the panicking task's stack shows this class. */
    default boolean shownBy(Backtrace bt) {
        return false;
    }

    /** Functions that are this class's machinery (the allocator for an OOM, the scheduler for a hung task), never its culprit. */
    default boolean machinery(String function) {
        return false;
    }

    /** The crash commands to run once the class is known, beyond the first pass. */
    default List<String> followUps(Incident incident) {
        return List.of();
    }

    /**
     * The stack that holds the culprit when it is not the one the report prints before the panic, e.g. the blocked
     * task's for a hung task; empty for the report's.
     */
    default Optional<List<StackFrame>> culpritStack(Incident incident, Map<String, StepOutput> outputs) {
        return Optional.empty();
    }

    /** What the incident and the follow-ups show, into {@code findings}. */
    default void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
    }

    /** What to look at next, for the digest and the prompts: short imperative sentences naming crash commands. */
    List<String> nextSteps();
}
