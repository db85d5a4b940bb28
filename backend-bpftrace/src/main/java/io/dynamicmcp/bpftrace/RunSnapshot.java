package io.dynamicmcp.bpftrace;

import java.util.List;

/**
 * A run's state and the output items from {@code offset} on.
 *
 * @param processExitCode bpftrace's own exit code, null while running or when unknown
 * @param attachedProbes how many probes bpftrace attached, null if it never got that far
 * @param nextOffset the offset to ask for next, to get only newer output
 */
record RunSnapshot(String id, RunStatus status, Integer processExitCode, long durationMillis, long bytesOut,
        boolean truncated, boolean killed, Long attachedProbes, long lostEvents, int offset, List<OutputItem> items,
        int nextOffset) {

    /** The seed project's exit code when a run hit its timeout. */
    static final int TIMEOUT_EXIT_CODE = 124;

    /** The exit code reported to clients: 124 after a timeout, else bpftrace's own. */
    Integer exitCode() {
        return status == RunStatus.TIMED_OUT ? Integer.valueOf(TIMEOUT_EXIT_CODE) : processExitCode;
    }

    boolean running() {
        return status == RunStatus.RUNNING;
    }

    /** bpftrace exited by itself with an error before attaching: the script did not run. */
    boolean failedToStart() {
        return status == RunStatus.EXITED && processExitCode != null && processExitCode != 0 && attachedProbes == null;
    }
}
