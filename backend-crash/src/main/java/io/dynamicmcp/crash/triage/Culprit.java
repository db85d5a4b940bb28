package io.dynamicmcp.crash.triage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The function blamed for a panic, and why.
 *
 * @param frame the culprit's frame (its function, module, and offset or address where known)
 * @param basis why it was chosen, e.g. "the faulting instruction (RIP) is in module dmz_zoo"
 * @param faulting whether {@code frame} is the faulting instruction itself rather than a return address
 * @param callers the reliable frames below it in the same stack (its callers), innermost first
 */
public record Culprit(StackFrame frame, String basis, boolean faulting, List<StackFrame> callers) {

    public Culprit {
        requireNonNull(frame, "frame is null");
        requireNonNull(basis, "basis is null");
        callers = List.copyOf(callers);
    }

    public String function() {
        return frame.function();
    }
}
