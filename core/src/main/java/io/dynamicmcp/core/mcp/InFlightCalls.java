package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.CallCancellation.Reason;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tool calls now running, keyed by MCP session and JSON-RPC request id, so that a transport that sees
 * {@code notifications/cancelled} can cancel the right one. Transports put the request id into the SDK's
 * transport context under {@link #REQUEST_ID}.
 */
public final class InFlightCalls {

    /** Transport-context key under which transports store the JSON-RPC id of the request being handled. */
    public static final String REQUEST_ID = "io.dynamicmcp.requestId";

    private final Map<String, CallCancellation.Trigger> calls = new ConcurrentHashMap<>();

    CallCancellation.Trigger register(String sessionId, Object requestId) {
        CallCancellation.Trigger source = CallCancellation.trigger();
        if (requestId != null) {
            calls.put(key(sessionId, requestId), source);
        }
        return source;
    }

    void unregister(String sessionId, Object requestId, CallCancellation.Trigger source) {
        if (requestId != null) {
            calls.remove(key(sessionId, requestId), source);
        }
    }

    /**
     * Cancels the call with this request id in this session, if it is still running.
     *
     * @return whether a running call was found
     */
    public boolean cancel(String sessionId, Object requestId) {
        CallCancellation.Trigger source = calls.get(key(sessionId, requestId));
        if (source == null) {
            return false;
        }
        source.cancel(Reason.CLIENT_CANCELLED);
        return true;
    }

    /** Cancels every running call; used at shutdown. */
    public void cancelAll() {
        calls.values().forEach(source -> source.cancel(Reason.SHUTDOWN));
    }

    public int size() {
        return calls.size();
    }

    private static String key(String sessionId, Object requestId) {
        // JSON-RPC ids are strings or numbers; 7 and 7.0 arrive differently from different parsers
        String id = requestId instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? Long.toString(n.longValue()) : String.valueOf(requestId);
        return sessionId + "\u0000" + id;
    }
}
