package io.dynamicmcp.crash.output;

import java.util.HashMap;
import java.util.Map;

/**
 * The bytes the stored outputs and the files of running captures take, against the most the store may take
 * ({@code CRASH_OUTPUT_STORE_BYTES}). Not thread-safe: {@link OutputStore} uses it under its lock.
 */
final class OutputQuota {

    private final long limit;
    private final Map<OutputCapture, Long> held = new HashMap<>();
    private long used;

    OutputQuota(long limit) {
        this.limit = limit;
    }

    long used() {
        return used;
    }

    /** Whether {@code size} more bytes fit. */
    boolean fits(long size) {
        return used + size <= limit;
    }

    /** Counts {@code size} more bytes a running capture wrote to its file. */
    void hold(OutputCapture capture, long size) {
        used += size;
        held.merge(capture, size, Long::sum);
    }

    /** Stops counting a capture's file (deleted, or about to become a stored output). */
    void release(OutputCapture capture) {
        Long bytes = held.remove(capture);
        used -= bytes == null ? 0 : bytes;
    }

    /** Counts a stored output of {@code bytes}. */
    void add(long bytes) {
        used += bytes;
    }

    /** Stops counting a stored output of {@code bytes} (removed or evicted). */
    void remove(long bytes) {
        used -= bytes;
    }

    /** Counts nothing any more (the store closed). */
    void clear() {
        held.clear();
        used = 0;
    }
}
