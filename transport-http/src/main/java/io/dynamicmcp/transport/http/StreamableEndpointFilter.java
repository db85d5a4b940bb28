package io.dynamicmcp.transport.http;

import io.dynamicmcp.core.mcp.CallOrigin;
import io.dynamicmcp.core.mcp.InFlightCalls;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Session bookkeeping around the SDK's initialize-era Streamable HTTP servlet: caps new sessions, binds each to the
 * caller that opened it, answers 404 for ended ones and for another caller's, routes {@code notifications/cancelled}
 * to the running call, hands each request's caller and JSON-RPC id to the tool handler, ends a session on DELETE,
 * and keeps the SDK's own error bodies from leaking stack traces.
 */
final class StreamableEndpointFilter extends HttpFilter {

    /** Request attribute holding the JSON-RPC id of the request being handled. */
    static final String REQUEST_ID_ATTRIBUTE = InFlightCalls.REQUEST_ID;

    private static final String SESSION_HEADER = "Mcp-Session-Id";

    private final McpSessions sessions;
    private final InFlightCalls inFlight;

    StreamableEndpointFilter(McpSessions sessions, InFlightCalls inFlight) {
        this.sessions = sessions;
        this.inFlight = inFlight;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String sessionId = request.getHeader(SESSION_HEADER);
        JsonRpcPeek message = null;
        if (request instanceof BufferedRequest buffered) {
            message = request.getAttribute(ModernEndpointFilter.MESSAGE_ATTRIBUTE) instanceof JsonRpcPeek peeked ? peeked
                    : JsonRpcPeek.of(buffered.body());
            if (message == null) {
                JsonErrors.send(response, 400, true, JsonErrors.PARSE_ERROR, "Parse error: the body is not valid JSON");
                return;
            }
            if ("initialize".equals(message.method())) {
                initialize(request, response, chain, message);
                return;
            }
        }
        Object id = message == null ? null : message.id();
        if (sessionId != null && !Identities.inSession(request, sessionId).equals(sessions.callerOf(sessionId))) {
            JsonErrors.send(response, 404, true, id, JsonErrors.SERVER_ERROR,
                    "session not found or ended: start a new session with initialize");
            return;
        }
        if (message != null && sessionId != null && message.cancelledRequestId() != null) {
            inFlight.cancel(sessionId, message.cancelledRequestId());
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        if (message != null && message.isRequest()) {
            request.setAttribute(REQUEST_ID_ATTRIBUTE, message.id());
        }
        if (sessionId == null) {
            handle(request, response, chain, id);
            return;
        }
        request.setAttribute(CallOrigin.CALLER_ID, sessions.callerOf(sessionId));
        request.setAttribute(CallOrigin.SCOPE, sessionId);
        sessions.enter(sessionId);
        boolean async = false;
        try {
            handle(request, response, chain, id);
            if (request.isAsyncStarted()) {
                async = true;
                request.getAsyncContext().addListener(new WhenStreamEnds(() -> sessions.exit(sessionId)));
            }
        } finally {
            if (!async) {
                sessions.exit(sessionId);
            }
        }
        if ("DELETE".equals(request.getMethod()) && response.getStatus() == HttpServletResponse.SC_OK) {
            sessions.end(sessionId, "deleted by the client");
        }
    }

    private void initialize(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            JsonRpcPeek message) throws IOException, ServletException {
        McpSessions.Reservation reservation = sessions.tryReserve(Identities.token(request).orElse(null));
        if (reservation == null) {
            response.setHeader("Retry-After", "60");
            JsonErrors.send(response, 503, true, message.id(), JsonErrors.SERVER_ERROR,
                    "too many MCP sessions: this server allows " + sessions.max() + " (HTTP_MAX_SESSIONS); end one"
                    + " with DELETE or wait until idle ones expire (" + sessions.idleTimeout().toSeconds() + " s)");
            return;
        }
        McpSessions.CURRENT.set(reservation);
        try {
            handle(request, response, chain, message.id());
        } finally {
            McpSessions.CURRENT.remove();
            reservation.releaseIfUnused();
        }
    }

    private static void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Object id)
            throws IOException, ServletException {
        SafeErrorResponse safe = new SafeErrorResponse(response, id);
        chain.doFilter(request, safe);
        if (!request.isAsyncStarted()) {
            safe.finish();
        }
    }
}
