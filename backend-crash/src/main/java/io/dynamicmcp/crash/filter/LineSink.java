package io.dynamicmcp.crash.filter;

/**
 * Receives a command's output one line at a time, as it arrives: from the crash session, through the filters, to
 * where the output is kept. Lines carry no line terminator. Not thread-safe: one producer calls {@link #line} for
 * every line, then {@link #end} once.
 */
@FunctionalInterface
public interface LineSink {

    /** Takes every line and keeps none. */
    LineSink DISCARD = line -> { };

    void line(String line);

    /** No more lines will come. Stages that summarise (tail, counts) emit what they kept now; others do nothing. */
    default void end() {
    }
}
