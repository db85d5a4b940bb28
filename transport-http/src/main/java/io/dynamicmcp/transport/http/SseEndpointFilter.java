package io.dynamicmcp.transport.http;

import io.dynamicmcp.core.mcp.CallOrigin;
import io.dynamicmcp.core.mcp.InFlightCalls;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session bookkeeping around the SDK's legacy HTTP+SSE servlet (deprecated since protocol 2025-03-26, kept for older
 * clients): caps new streams, binds each session to the caller that opened it, ends the session when its stream
 * closes, answers 404 for messages to ended sessions and to another caller's, routes {@code notifications/cancelled},
 * hands each request's caller and JSON-RPC id to the tool handler, and keeps the SDK's error bodies from leaking
 * stack traces.
 */
final class SseEndpointFilter extends HttpFilter {

    private static final Pattern URL_SESSION = Pattern.compile("sessionId=([A-Za-z0-9-]+)");

    private final McpSessions sessions;
    private final InFlightCalls inFlight;

    SseEndpointFilter(McpSessions sessions, InFlightCalls inFlight) {
        this.sessions = sessions;
        this.inFlight = inFlight;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("GET".equals(request.getMethod()) && HttpServer.SSE_PATH.equals(request.getRequestURI())) {
            openStream(request, response, chain);
        } else if (request instanceof BufferedRequest buffered) {
            message(buffered, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    private void openStream(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        McpSessions.Reservation reservation = sessions.tryReserve(Identities.token(request).orElse(null));
        if (reservation == null) {
            JsonErrors.send(response, 503, true, JsonErrors.SERVER_ERROR, "too many MCP sessions: this server allows "
                    + sessions.max() + " (HTTP_MAX_SESSIONS); close another stream first");
            return;
        }
        EndpointCapture capture = new EndpointCapture(response);
        McpSessions.CURRENT.set(reservation);
        try {
            chain.doFilter(request, capture);
        } finally {
            McpSessions.CURRENT.remove();
            reservation.releaseIfUnused();
        }
        String sessionId = reservation.sessionId();
        if (sessionId == null) {
            return;
        }
        if (!request.isAsyncStarted()) {
            sessions.end(sessionId, "stream not opened");
            return;
        }
        String urlId = capture.urlSessionId();
        if (urlId != null) {
            sessions.alias(urlId, sessionId);
        }
        sessions.enter(sessionId);
        request.getAsyncContext().addListener(new WhenStreamEnds(() -> {
            sessions.exit(sessionId);
            sessions.end(sessionId, "event stream closed");
        }));
    }

    private void message(BufferedRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        JsonRpcPeek message = JsonRpcPeek.of(request.body());
        if (message == null) {
            JsonErrors.send(response, 400, true, JsonErrors.PARSE_ERROR, "Parse error: the body is not valid JSON");
            return;
        }
        String urlId = request.getParameter("sessionId");
        String sessionId = urlId == null ? null : sessions.resolve(urlId);
        if (sessionId != null && !Identities.inSession(request, sessionId).equals(sessions.callerOf(sessionId))) {
            sessionId = null;
        }
        if (urlId != null && sessionId == null) {
            JsonErrors.send(response, 404, true, message.id(), JsonErrors.SERVER_ERROR,
                    "session not found or ended: open a new stream at " + HttpServer.SSE_PATH);
            return;
        }
        if (sessionId != null && message.cancelledRequestId() != null) {
            inFlight.cancel(sessionId, message.cancelledRequestId());
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        if (message.isRequest()) {
            request.setAttribute(StreamableEndpointFilter.REQUEST_ID_ATTRIBUTE, message.id());
        }
        SafeErrorResponse safe = new SafeErrorResponse(response, message.id());
        if (sessionId != null) {
            request.setAttribute(CallOrigin.CALLER_ID, sessions.callerOf(sessionId));
            request.setAttribute(CallOrigin.SCOPE, sessionId);
            sessions.enter(sessionId);
        }
        try {
            chain.doFilter(request, safe);
        } finally {
            if (sessionId != null) {
                sessions.exit(sessionId);
            }
        }
        safe.finish();
    }

    /** Reads the session id out of the {@code endpoint} event the SDK writes first. */
    private static final class EndpointCapture extends jakarta.servlet.http.HttpServletResponseWrapper {

        private final StringBuilder head = new StringBuilder();
        private PrintWriter writer;

        EndpointCapture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                PrintWriter real = super.getWriter();
                writer = new PrintWriter(new Writer() {
                    @Override
                    public void write(char[] chars, int off, int len) {
                        if (head.length() < 1024) {
                            head.append(chars, off, Math.min(len, 1024 - head.length()));
                        }
                        real.write(chars, off, len);
                    }

                    @Override
                    public void flush() {
                        real.flush();
                    }

                    @Override
                    public void close() {
                        real.close();
                    }
                }) {
                    @Override
                    public boolean checkError() {
                        // the SDK detects a gone client this way: keep the real writer's verdict
                        return super.checkError() || real.checkError();
                    }
                };
            }
            return writer;
        }

        String urlSessionId() {
            Matcher matcher = URL_SESSION.matcher(head);
            return matcher.find() ? matcher.group(1) : null;
        }
    }
}
