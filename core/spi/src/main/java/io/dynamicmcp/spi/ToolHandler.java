package io.dynamicmcp.spi;

/** Answers one {@code tools/call}. */
@FunctionalInterface
public interface ToolHandler {

    /**
     * Handles a call. Runs on a host thread; may block. Implementations <em>should</em> watch
     * {@link ToolCall#cancellation()} during long work and return what they have when it fires.
     *
     * @return the result; an error the client should see and act on is a result with
     *     {@link ToolResult#error(String) isError}, or a thrown {@link ToolException}
     * @throws ToolException for bad arguments or a failure the client can act on; the host turns it into an
     *     {@code isError} result with the exception's message. Any other exception is reported as an internal
     *     error and logged.
     */
    ToolResult call(ToolCall call) throws ToolException;
}
