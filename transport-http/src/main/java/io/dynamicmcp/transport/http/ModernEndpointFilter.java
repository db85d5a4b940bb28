package io.dynamicmcp.transport.http;

import io.dynamicmcp.core.mcp.CallOrigin;
import io.dynamicmcp.core.mcp.ProtocolEra;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The 2026-07-28 side of {@value HttpServer#MCP_PATH}: serves the requests that speak it — their {@code _meta} names
 * a protocol version, their method exists only since 2026-07-28, or they come without a session under
 * {@code MCP-Protocol-Version: 2026-07-28} and are not {@code initialize} — through the SDK's stateless servlet, with
 * the caller the request's token names; lets everything else through to the initialize-era servlet. A request naming
 * a protocol version the server does not know gets {@code UnsupportedProtocolVersionError} (-32022) with its own id.
 */
final class ModernEndpointFilter extends HttpFilter {

    /** Request attribute holding the {@link JsonRpcPeek} of the body, for the filters after this one. */
    static final String MESSAGE_ATTRIBUTE = "io.dynamicmcp.message";

    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private final HttpServlet servlet;
    private final Callers callers;
    private final AtomicLong requests = new AtomicLong();

    ModernEndpointFilter(HttpServlet servlet, Callers callers) {
        this.servlet = servlet;
        this.callers = callers;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof BufferedRequest buffered)) {
            chain.doFilter(request, response);
            return;
        }
        JsonRpcPeek message = JsonRpcPeek.of(buffered.body());
        if (message == null) {
            JsonErrors.send(response, 400, true, JsonErrors.PARSE_ERROR, "Parse error: the body is not valid JSON");
            return;
        }
        request.setAttribute(MESSAGE_ATTRIBUTE, message);
        String version = request.getHeader("MCP-Protocol-Version");
        String session = request.getHeader(SESSION_HEADER);
        if (version != null && !ProtocolEra.isKnown(version.trim())) {
            unsupported(response, message, version, session != null ? ProtocolEra.LEGACY_VERSIONS
                    : List.of(ProtocolEra.MODERN_VERSION));
            return;
        }
        if (!isModern(message, version, session)) {
            chain.doFilter(request, response);
            return;
        }
        if (!isJson(request.getContentType())) {
            JsonErrors.send(response, 415, true, message.id(), JsonErrors.INVALID_REQUEST,
                    "Unsupported Media Type: Content-Type must be application/json");
            return;
        }
        serve(buffered, response, message);
    }

    private static boolean isModern(JsonRpcPeek message, String version, String session) {
        if (message.isModern()) {
            return true;
        }
        return ProtocolEra.MODERN_VERSION.equals(version == null ? null : version.trim()) && session == null
                && message.method() != null && !"initialize".equals(message.method());
    }

    private void serve(BufferedRequest request, HttpServletResponse response, JsonRpcPeek message)
            throws IOException, ServletException {
        String caller = Identities.sessionless(request);
        request.setAttribute(CallOrigin.CALLER_ID, caller);
        request.setAttribute(CallOrigin.SCOPE, "http-" + requests.incrementAndGet());
        if (message.id() != null) {
            request.setAttribute(CallOrigin.REQUEST_ID, message.id());
        }
        callers.enter(caller);
        boolean streaming = false;
        try {
            servlet.service(request, response);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new WhenStreamEnds(() -> callers.exit(caller)));
                streaming = true;
            }
        } finally {
            if (!streaming) {
                callers.exit(caller);
            }
        }
    }

    private static void unsupported(HttpServletResponse response, JsonRpcPeek message, String version,
            List<String> supported) throws IOException {
        String requested = version.trim();
        JsonErrors.send(response, 400, message.id(), UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version "
                + RequestGuard.abbreviate(requested) + ": this server speaks " + String.join(", ", supported),
                Map.of("supported", supported, "requested", requested));
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json");
    }
}
