package io.dynamicmcp.spi;

import java.util.Map;

/**
 * Where security-relevant actions are recorded, one event per action (a command run or rejected, a script
 * started). Implementations must be thread-safe and must not throw.
 */
public interface AuditLog {

    /** Discards everything; for tests and embedding. */
    AuditLog NONE = event -> { };

    /**
     * Records one event. Values should be strings, numbers, booleans or null; the host adds a timestamp.
     *
     * @param event field names to values, e.g. {@code tool}, {@code caller}, {@code verdict}
     */
    void record(Map<String, Object> event);
}
