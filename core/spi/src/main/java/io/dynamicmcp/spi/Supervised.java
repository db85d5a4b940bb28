package io.dynamicmcp.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How a {@linkplain ChildProcess#supervise supervision} ended.
 *
 * @param stop why the supervision stepped in, or {@link Stop#NONE} if it did not have to
 * @param ending what happened to the output and the child
 * @param elapsed from the start of the supervision to this answer
 * @param stopTook from the interrupt to the watcher's {@link OutputWatcher.Verdict#DONE DONE} or the end of the
 *     output, when the supervision interrupted the child and it came back
 * @param settled completes when the child has settled (done, exited or killed): at once unless {@code ending} is
 *     {@link Ending#STOPPING}, later with the final outcome otherwise
 */
public record Supervised(Stop stop, Ending ending, Duration elapsed, Optional<Duration> stopTook,
        CompletionStage<Supervised> settled) {

    /** Why the supervision stepped in. */
    public enum Stop {
        /** It did not: the watcher said done, or the output ended on its own. */
        NONE,
        /** The policy's deadline passed. */
        DEADLINE,
        /** The policy's cancellation fired. */
        CANCELLED,
        /** The output passed the spec's limit. */
        OUTPUT_LIMIT
    }

    /** What happened to the output and the child. */
    public enum Ending {
        /** The watcher said the awaited output is complete; the child still runs. */
        DONE,
        /** The output ended: the child exited. */
        EXITED,
        /** The child was killed: at the deadline, or after the grace period. */
        KILLED,
        /**
         * The grace period passed and the policy said to answer anyway: the child is still stopping, and the host
         * keeps reading its output (into the same watcher) until it settles; see {@link #settled()}.
         */
        STOPPING
    }

    /** Checks the components. */
    public Supervised {
        requireNonNull(stop, "stop is null");
        requireNonNull(ending, "ending is null");
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(stopTook, "stopTook is null");
        requireNonNull(settled, "settled is null");
    }

    /**
     * An outcome that is already final.
     *
     * @param stop why the supervision stepped in
     * @param ending what happened
     * @param elapsed how long it took
     * @param stopTook how long the child took to stop after the interrupt, if it was interrupted and came back
     * @return the outcome, with {@link #settled()} completed with itself
     */
    public static Supervised settled(Stop stop, Ending ending, Duration elapsed, Optional<Duration> stopTook) {
        CompletableFuture<Supervised> done = new CompletableFuture<>();
        Supervised outcome = new Supervised(stop, ending, elapsed, stopTook, done);
        done.complete(outcome);
        return outcome;
    }

    /** @return whether the output the caller got is all there is (the supervision did not step in) */
    public boolean complete() {
        return stop == Stop.NONE;
    }
}
