package io.dynamicmcp.spi;

/**
 * A failure the client can act on: a bad argument, a missing session, a refused command. The host returns it
 * as an {@code isError} tool result whose text is the message, so the message should say what was wrong and
 * what to do instead.
 */
public class ToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
