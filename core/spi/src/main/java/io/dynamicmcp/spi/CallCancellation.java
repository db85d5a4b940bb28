package io.dynamicmcp.spi;

import java.util.Optional;

/** Tells a running handler that its call should stop, and why. Thread-safe. */
public interface CallCancellation {

    /** Why a call was cancelled. */
    enum Reason {
        /** The client sent {@code notifications/cancelled} for the request. */
        CLIENT_CANCELLED,
        /** The tool's {@linkplain Tool#timeout() host-enforced timeout} passed. */
        TIMED_OUT,
        /** The server is shutting down. */
        SHUTDOWN
    }

    boolean isCancelled();

    Optional<Reason> reason();

    /**
     * Runs {@code action} once when the call is cancelled (at once if it already is). The action runs on the
     * cancelling thread and must be quick, e.g. interrupt a child process.
     *
     * @return closing it unregisters the action
     */
    AutoCloseable onCancel(Runnable action);
}
