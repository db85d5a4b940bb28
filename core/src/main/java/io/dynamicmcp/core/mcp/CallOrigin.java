package io.dynamicmcp.core.mcp;

import static java.util.Objects.requireNonNull;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a request comes from, as a transport hands it to the bridge in the SDK's transport context: the caller (an
 * identity that owns what its calls open, see {@link io.dynamicmcp.spi.ToolCall#callerId()}), the scope in which its
 * JSON-RPC ids are unique (so {@code notifications/cancelled} finds the call: a legacy MCP session, the stdio process,
 * one HTTP request), and the request's id.
 *
 * @param callerId the caller's identity, e.g. {@code token:3fa9...}, {@code stdio}
 * @param scope where {@code requestId} is unique; null where the SDK's session id is the scope
 * @param requestId the JSON-RPC id of the request, or null
 */
public record CallOrigin(String callerId, String scope, Object requestId) {

    /** Transport-context key of the caller's identity. */
    public static final String CALLER_ID = "io.dynamicmcp.callerId";
    /** Transport-context key of the scope of request ids. */
    public static final String SCOPE = "io.dynamicmcp.scope";
    /** Transport-context key of the JSON-RPC id of the request being handled. */
    public static final String REQUEST_ID = InFlightCalls.REQUEST_ID;

    public CallOrigin {
        requireNonNull(callerId, "callerId is null");
    }

    /** The transport context that carries this origin. */
    public McpTransportContext context() {
        Map<String, Object> values = new HashMap<>(4);
        values.put(CALLER_ID, callerId);
        if (scope != null) {
            values.put(SCOPE, scope);
        }
        if (requestId != null) {
            values.put(REQUEST_ID, requestId);
        }
        return McpTransportContext.create(values);
    }

    /**
     * The origin a transport put into {@code context}; where it named no caller or scope, the SDK session id
     * stands in for both (a legacy session with no other identity).
     */
    static CallOrigin of(McpTransportContext context, String sessionId) {
        Object caller = context == null ? null : context.get(CALLER_ID);
        Object scope = context == null ? null : context.get(SCOPE);
        Object requestId = context == null ? null : context.get(REQUEST_ID);
        String session = sessionId == null ? "anonymous" : sessionId;
        return new CallOrigin(caller instanceof String c ? c : session, scope instanceof String s ? s : session,
                requestId);
    }

    /**
     * The origin of a 2026-07-28 request: the transport <em>must</em> have named the caller and the scope (there is
     * no session to fall back on).
     *
     * @throws IllegalStateException if it did not
     */
    static CallOrigin of(McpRequestContext request) {
        McpTransportContext context = request.transportContext();
        if (!(context.get(CALLER_ID) instanceof String caller) || !(context.get(SCOPE) instanceof String scope)) {
            throw new IllegalStateException("the transport named no caller for request " + request.requestId());
        }
        return new CallOrigin(caller, scope, request.requestId());
    }
}
