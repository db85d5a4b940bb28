package io.dynamicmcp.crash.triage;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Chooses between crash's default unwinder ({@code bt}) and its older stack-scanning one ({@code bt -o}) for the panic
 * task. crash 8.0.6's ORC unwinder loses the panic's caller on some boots of the same kernel: it stops inside the
 * panic machinery ({@code #0 panic}, then the user registers), or it jumps from {@code panic} far down the stack to
 * the system call's exit path, skipping the frames that called panic. {@code bt -o} is asked only then.
 */
final class Unwinders {

    /** Stack bytes between a panic frame and its caller past which the default unwinder is checked against bt -o. */
    static final long SUSPICIOUS_GAP = 0x200;

    private Unwinders() {
    }

    /** {@code bt}, or {@code bt -o} (got from {@code old} only when needed) where it finds the frames bt lost. */
    static Backtrace choose(Backtrace bt, Supplier<Backtrace> old) {
        List<Backtrace.Frame> frames = bt.frames();
        int top = 0;
        while (top < frames.size() && CulpritFinder.panicMachinery(frames.get(top).function())) {
            top++;
        }
        if (top == 0) {
            return bt;
        }
        if (top == frames.size()) {
            Backtrace scanned = old.get();
            return scanned.frames().size() > frames.size() ? scanned : bt;
        }
        OptionalLong from = stack(frames.get(top - 1));
        OptionalLong to = stack(frames.get(top));
        // kernel stack addresses have the top bit set: compared and subtracted as unsigned numbers
        if (from.isEmpty() || to.isEmpty()
                || Long.compareUnsigned(to.getAsLong() - from.getAsLong(), SUSPICIOUS_GAP) <= 0) {
            return bt;
        }
        Backtrace scanned = old.get();
        boolean skipped = scanned.frames().stream().anyMatch(f -> {
            OptionalLong at = stack(f);
            return at.isPresent() && Long.compareUnsigned(at.getAsLong(), from.getAsLong()) > 0
                    && Long.compareUnsigned(at.getAsLong(), to.getAsLong()) < 0
                    && !CulpritFinder.panicMachinery(f.function());
        });
        return skipped ? scanned : bt;
    }

    private static OptionalLong stack(Backtrace.Frame frame) {
        try {
            return OptionalLong.of(Long.parseUnsignedLong(frame.stackAddress(), 16));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
