package io.dynamicmcp.crash.triage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What one triage command gave.
 *
 * @param command the command line as sent to crash (or as refused)
 * @param status {@code completed}, {@code timed_out}, {@code cancelled}, {@code session_ended}, {@code refused},
 *     {@code failed} or {@code skipped}
 * @param lines the output lines kept (bounded; may be partial unless completed)
 * @param durationMillis how long it ran
 * @param problem what went wrong, if anything
 */
public record StepOutput(String command, String status, List<String> lines, long durationMillis,
        Optional<String> problem) {

    public StepOutput {
        requireNonNull(command, "command is null");
        requireNonNull(status, "status is null");
        lines = List.copyOf(lines);
        requireNonNull(problem, "problem is null");
    }

    static StepOutput failed(String command, String status, String problem) {
        return new StepOutput(command, status, List.of(), 0, Optional.of(problem));
    }

    /** Whether crash ran it to the end. */
    public boolean completed() {
        return status.equals("completed");
    }
}
