package io.dynamicmcp.spi;

/** One {@code tools/call} as the host hands it to a {@link ToolHandler}. */
public interface ToolCall {

    String toolName();

    /** The call's arguments, with typed accessors that reject bad values with a clear message. */
    Arguments arguments();

    /**
     * Identifies the client connection (the MCP session) that made the call, stable for that connection's
     * life. Tools that keep per-client state (sessions, runs) <em>must</em> key it by this value so one client
     * cannot use or close another's; see {@link ToolSet#callerEnded(String)}.
     */
    String callerId();

    /** Fires when the client cancels the call, its timeout passes, or the server shuts down. */
    CallCancellation cancellation();

    /**
     * Reports progress to the client; ignored when the client asked for none.
     *
     * @param progress how far along, increasing with each report
     * @param total the value {@code progress} reaches when done, or null if unknown
     * @param message a short human-readable status, or null
     */
    void progress(double progress, Double total, String message);

    /** Sends a log message to the client, subject to the level the client set. */
    void log(LogLevel level, String message);
}
