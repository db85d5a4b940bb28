package io.dynamicmcp.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The policy of a {@linkplain ChildProcess#supervise supervision}: deadline, then interrupt, then a grace period,
 * then kill. Each step is configurable per call:
 * <ul>
 *   <li>the deadline (or none), and a cancellation that counts as reaching it;</li>
 *   <li>whether the first step is an interrupt (Ctrl-C) or a kill, for a child that cannot be interrupted;</li>
 *   <li>the grace period the child has, after the interrupt, to finish the awaited output or exit;</li>
 *   <li>what happens when the grace period passes: kill the child, or answer with what was read and keep stopping
 *       in the background (for a child that is slow to come back but too costly to lose), killing it only when a
 *       much longer hang limit passes.</li>
 * </ul>
 * Immutable; each method returns a new policy.
 */
public final class Supervision {

    /** The grace period unless told otherwise. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final Optional<Duration> deadline;
    private final Optional<CallCancellation> cancellation;
    private final boolean interruptFirst;
    private final Duration grace;
    private final Optional<Duration> hangLimit;
    private final Duration tickEvery;
    private final Consumer<Duration> tick;
    private final Optional<Duration> interruptAgain;

    private Supervision(Optional<Duration> deadline, Optional<CallCancellation> cancellation, boolean interruptFirst,
            Duration grace, Optional<Duration> hangLimit, Duration tickEvery, Consumer<Duration> tick,
            Optional<Duration> interruptAgain) {
        this.deadline = deadline;
        this.cancellation = cancellation;
        this.interruptFirst = interruptFirst;
        this.grace = grace;
        this.hangLimit = hangLimit;
        this.tickEvery = tickEvery;
        this.tick = tick;
        this.interruptAgain = interruptAgain;
    }

    /**
     * Interrupts at {@code deadline}, kills after {@link #DEFAULT_GRACE}.
     *
     * @param deadline from the start of the supervision, positive
     * @return the policy
     */
    public static Supervision deadline(Duration deadline) {
        requirePositive(deadline, "deadline");
        return new Supervision(Optional.of(deadline), Optional.empty(), true, DEFAULT_GRACE, Optional.empty(),
                Duration.ofSeconds(1), elapsed -> { }, Optional.empty());
    }

    /**
     * No deadline: the supervision steps in only on cancellation or at the output limit.
     *
     * @return the policy
     */
    public static Supervision noDeadline() {
        return new Supervision(Optional.empty(), Optional.empty(), true, DEFAULT_GRACE, Optional.empty(),
                Duration.ofSeconds(1), elapsed -> { }, Optional.empty());
    }

    /**
     * Treats {@code cancellation} firing like reaching the deadline (but reports {@link Supervised.Stop#CANCELLED}).
     *
     * @param cancellation for example the call's
     * @return the new policy
     */
    public Supervision stopOn(CallCancellation cancellation) {
        return new Supervision(deadline, Optional.of(requireNonNull(cancellation, "cancellation is null")),
                interruptFirst, grace, hangLimit, tickEvery, tick, interruptAgain);
    }

    /**
     * How long the child has, after the interrupt, to finish the awaited output or exit.
     *
     * @param grace positive
     * @return the new policy
     */
    public Supervision grace(Duration grace) {
        requirePositive(grace, "grace");
        return new Supervision(deadline, cancellation, interruptFirst, grace, hangLimit, tickEvery, tick, interruptAgain);
    }

    /**
     * Kills at the deadline instead of interrupting: for a child that cannot be interrupted usefully, such as a
     * program still starting up.
     *
     * @return the new policy
     */
    public Supervision killAtDeadline() {
        return new Supervision(deadline, cancellation, false, grace, hangLimit, tickEvery, tick, interruptAgain);
    }

    /**
     * When the grace period passes, answers with what was read ({@link Supervised.Ending#STOPPING}) and keeps
     * reading in the background until the watcher is done or the output ends; kills the child only if that takes
     * longer than {@code hangLimit} after the interrupt.
     *
     * @param hangLimit how long a child may take to come back before it counts as hung, longer than the grace
     * @return the new policy
     */
    public Supervision keepStoppingInBackground(Duration hangLimit) {
        requirePositive(hangLimit, "hangLimit");
        return new Supervision(deadline, cancellation, interruptFirst, grace, Optional.of(hangLimit), tickEvery, tick,
                interruptAgain);
    }

    /**
     * Calls {@code tick} about every {@code every} with the time elapsed, on the supervising thread, for progress.
     *
     * @param every positive
     * @param tick quick; must not block
     * @return the new policy
     */
    public Supervision onTick(Duration every, Consumer<Duration> tick) {
        requirePositive(every, "every");
        return new Supervision(deadline, cancellation, interruptFirst, grace, hangLimit, every,
                requireNonNull(tick, "tick is null"), interruptAgain);
    }

    /**
     * Interrupts again every {@code every} while the child has not finished after the first interrupt, until the
     * grace period (or the hang limit) passes: for a program that can miss a Ctrl-C, such as bpftrace 0.17 when the
     * interrupt comes just as its {@code BEGIN} probe has fired.
     *
     * @param every positive, shorter than the grace period to have an effect
     * @return the new policy
     */
    public Supervision interruptAgainEvery(Duration every) {
        requirePositive(every, "every");
        return new Supervision(deadline, cancellation, interruptFirst, grace, hangLimit, tickEvery, tick,
                Optional.of(every));
    }

    /** @return how often the interrupt is repeated while the child has not finished, if it is */
    public Optional<Duration> interruptAgain() {
        return interruptAgain;
    }

    /** @return the deadline, from the start of the supervision, if there is one */
    public Optional<Duration> deadline() {
        return deadline;
    }

    /** @return the cancellation that counts as the deadline, if any */
    public Optional<CallCancellation> cancellation() {
        return cancellation;
    }

    /** @return whether the first step is an interrupt (otherwise it is a kill) */
    public boolean interruptFirst() {
        return interruptFirst;
    }

    /** @return the grace period after the interrupt */
    public Duration grace() {
        return grace;
    }

    /** @return the hang limit, if the policy answers and keeps stopping in the background after the grace period */
    public Optional<Duration> hangLimit() {
        return hangLimit;
    }

    /** @return how often {@link #tick()} is called */
    public Duration tickEvery() {
        return tickEvery;
    }

    /** @return what is called with the elapsed time about every {@link #tickEvery()} */
    public Consumer<Duration> tick() {
        return tick;
    }

    @Override
    public String toString() {
        return "Supervision[deadline " + deadline.map(Duration::toString).orElse("none")
                + (interruptFirst ? ", interrupt" + interruptAgain.map(every -> " (again every " + every + ")").orElse("")
                        + ", grace " + grace : ", kill")
                + hangLimit.map(limit -> ", then answer and keep stopping until " + limit).orElse(", then kill") + "]";
    }

    private static void requirePositive(Duration value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
