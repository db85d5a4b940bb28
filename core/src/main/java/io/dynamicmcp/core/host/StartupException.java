package io.dynamicmcp.core.host;

/** The server must not start: invalid configuration, duplicate tools or providers. The message is one line. */
public class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
