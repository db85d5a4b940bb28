package io.dynamicmcp.spi;

/** One {@code tools/call} as the host hands it to a {@link ToolHandler}. */
public interface ToolCall {

    String toolName();

    /** The call's arguments, with typed accessors that reject bad values with a clear message. */
    Arguments arguments();

    /**
     * Identifies the caller: who made the call, independent of the connection it came on (over HTTP the bearer
     * token's identity, over stdio the process), so a client that reconnects with the same credential is the same
     * caller. It never contains the credential itself. Tools that keep per-caller state (sessions, runs)
     * <em>must</em> key it by this value so one caller cannot use, close or learn of another's, and <em>should</em>
     * answer a handle of another caller exactly as one that does not exist; see {@link ToolSet#callerEnded(String)}.
     */
    String callerId();

    /** Fires when the client cancels the call, its timeout passes, or the server shuts down. */
    CallCancellation cancellation();

    /**
     * Reports progress to the client; ignored when the client asked for none.
     *
     * @param progress how far along, increasing with each report (MCP requires it: a value not above the last one
     *        sent is raised by the host to just above it)
     * @param total the value {@code progress} reaches when done, or null if unknown
     * @param message a short human-readable status, or null
     */
    void progress(double progress, Double total, String message);

    /** Sends a log message to the client, subject to the level the client set. */
    void log(LogLevel level, String message);
}
