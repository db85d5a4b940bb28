package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FailureKind;
import java.util.List;

/** What is left when no kind claims the evidence. */
final class Unrecognised implements FailureKind {

    @Override
    public FailureClass failureClass() {
        return FailureClass.UNKNOWN;
    }

    @Override
    public List<String> nextSteps() {
        return List.of("read the panic message and 'log | tail -n 200' for the report that led to it",
                "crash_command 'bt -a' for every CPU, 'foreach UN bt' for blocked tasks, 'kmem -i' for memory");
    }
}
