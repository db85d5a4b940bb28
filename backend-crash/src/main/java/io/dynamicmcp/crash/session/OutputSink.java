package io.dynamicmcp.crash.session;

/** Receives a command's output one line at a time (no line terminator), as it arrives. */
@FunctionalInterface
public interface OutputSink {

    OutputSink DISCARD = line -> { };

    void line(String line);
}
