package io.dynamicmcp.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Tells a running handler that its call should stop, and why. Thread-safe. */
public interface CallCancellation {

    /** Why a call was cancelled. */
    enum Reason {
        /** The client sent {@code notifications/cancelled} for the request. */
        CLIENT_CANCELLED,
        /** The tool's {@linkplain Tool#timeout() host-enforced timeout} passed. */
        TIMED_OUT,
        /** The server is shutting down. */
        SHUTDOWN,
        /** The provider itself asked for the stop, through a {@link Trigger} (for example a stop request). */
        STOPPED
    }

    /**
     * A cancellation whose owner fires it: the host's for each call, or a provider's own, for example to stop a
     * background run when asked to.
     *
     * @return a new trigger, not yet fired
     */
    static Trigger trigger() {
        return new Trigger();
    }

    /** @return whether the cancellation has fired */
    boolean isCancelled();

    /** @return why it fired; empty while it has not */
    Optional<Reason> reason();

    /**
     * Runs {@code action} once when the call is cancelled (at once if it already is). The action runs on the
     * cancelling thread and must be quick, e.g. interrupt a child process.
     *
     * @param action what to run
     * @return closing it unregisters the action
     */
    AutoCloseable onCancel(Runnable action);

    /** The firing side of a {@link CallCancellation}. Thread-safe. */
    final class Trigger implements CallCancellation {

        private final AtomicReference<Reason> reason = new AtomicReference<>();
        private final List<Runnable> actions = new CopyOnWriteArrayList<>();

        private Trigger() {
        }

        /**
         * Fires the cancellation and runs the registered actions; only the first call has an effect.
         *
         * @param why the reason {@link #reason()} will give
         */
        public void cancel(Reason why) {
            if (reason.compareAndSet(null, why)) {
                actions.forEach(Trigger::runQuietly);
            }
        }

        @Override
        public boolean isCancelled() {
            return reason.get() != null;
        }

        @Override
        public Optional<Reason> reason() {
            return Optional.ofNullable(reason.get());
        }

        @Override
        public AutoCloseable onCancel(Runnable action) {
            actions.add(action);
            if (isCancelled() && actions.remove(action)) {
                runQuietly(action);
            }
            return () -> actions.remove(action);
        }

        private static void runQuietly(Runnable action) {
            try {
                action.run();
            } catch (RuntimeException e) {
                System.getLogger(CallCancellation.class.getName())
                        .log(System.Logger.Level.WARNING, "a cancellation action failed", e);
            }
        }
    }
}
