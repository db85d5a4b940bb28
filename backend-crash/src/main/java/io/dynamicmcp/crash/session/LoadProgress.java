package io.dynamicmcp.crash.session;

/**
 * Told what a session's start is doing: the phase (index, symbols, dump, tasks, modules), what in it, and the time so
 * far.
 */
@FunctionalInterface
public interface LoadProgress {

    LoadProgress NONE = (phase, detail, seconds) -> { };

    void report(String phase, String detail, long seconds);
}
