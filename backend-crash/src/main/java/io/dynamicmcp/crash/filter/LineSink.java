package io.dynamicmcp.crash.filter;

/**
 * Receives command output one line at a time. Lines carry no line terminator. Not thread-safe: one producer
 * calls {@link #line} for every line, then {@link #end} once.
 */
public interface LineSink {

    void line(String line);

    /** No more lines will come. Stages that summarise (tail, counts) emit what they kept now. */
    void end();
}
