package io.dynamicmcp.crash.session;

import io.dynamicmcp.spi.ToolException;

/** The session's crash process is gone; the message says why and how to go on. */
public final class SessionEndedException extends ToolException {

    private static final long serialVersionUID = 1L;

    public SessionEndedException(String sessionId, String reason) {
        super("crash session " + sessionId + " has ended: " + reason
                + ". Start a new one with start_crash_session.");
    }
}
