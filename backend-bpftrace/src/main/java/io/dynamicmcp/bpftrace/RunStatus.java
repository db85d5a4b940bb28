package io.dynamicmcp.bpftrace;

import java.util.Locale;

/** Where a run is, and for an ended run, what ended it. */
enum RunStatus {
    /** Still running. */
    RUNNING,
    /** bpftrace exited by itself: {@code exit()}, an error, or every probe finished. */
    EXITED,
    /** The timeout or duration passed; it was stopped with SIGINT. */
    TIMED_OUT,
    /** A client stopped it with {@code stop_bpftrace}. */
    STOPPED,
    /** It printed more than the administrator's limit and was stopped. */
    OUTPUT_LIMIT,
    /** The client cancelled the call that ran it. */
    CANCELLED,
    /** The client's connection ended. */
    CALLER_ENDED,
    /** The server shut down. */
    SHUTDOWN;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
