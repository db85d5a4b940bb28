package io.dynamicmcp.crash.triage;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One frame of a stack, from the kernel log ({@code dmz_zoo_hog+0x47/0xaa [dmz_zoo]}) or from crash's {@code bt}.
 *
 * @param offset the offset into the function as shown ({@code 0x47} in the log, {@code 24} in crash's exception RIP)
 * @param address the frame's return address (or the exception RIP), where crash showed it
 * @param reliable false for the log's {@code ? } frames: stale return addresses found on the stack
 */
public record StackFrame(String function, Optional<String> offset, Optional<String> module, Optional<String> address,
        boolean reliable) {

    public StackFrame {
        requireNonNull(function, "function is null");
        requireNonNull(offset, "offset is null");
        requireNonNull(module, "module is null");
        requireNonNull(address, "address is null");
    }

    /** The function and its module, without offsets or addresses: {@code dmz_zoo_hog [dmz_zoo]}. */
    public String name() {
        return function + module.map(m -> " [" + m + "]").orElse("");
    }

    public boolean inModule() {
        return module.isPresent();
    }

    /** The offset as a number; empty when not shown or not a number. */
    public Optional<Long> offsetValue() {
        return offset.flatMap(StackFrame::number);
    }

    /** An expression crash's {@code dis} accepts for the frame's instruction ({@code func+24}). */
    public Optional<String> location() {
        return offsetValue().map(o -> function + "+" + o);
    }

    static Optional<Long> number(String text) {
        try {
            return Optional.of(text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return (reliable ? "" : "? ") + function + offset.map(o -> "+" + o).orElse("") + module.map(m -> " [" + m + "]").orElse("");
    }
}
