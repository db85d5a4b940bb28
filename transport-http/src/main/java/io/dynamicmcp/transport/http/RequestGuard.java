package io.dynamicmcp.transport.http;

import io.dynamicmcp.core.mcp.ProtocolEra;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The checks every request passes before any endpoint sees it: not shutting down, {@code Host} and {@code Origin}
 * allowed (DNS-rebinding protection), a bearer token (except for {@code /healthz}) whose identity it records for the
 * endpoints, and a body no larger than the limit, which is read here. A refused JSON-RPC request is answered with its
 * own id, read from the start of its body where the body was not read whole.
 */
final class RequestGuard extends HttpFilter {

    static final String HEALTH_PATH = "/healthz";

    /** How much of a refused request's body is read to find its id. */
    private static final int ID_PREFIX_BYTES = 64 * 1024;

    private final Optional<BearerTokens> tokens;
    private final OriginPolicy origins;
    private final int maxBodyBytes;
    private final BooleanSupplier draining;

    RequestGuard(Optional<BearerTokens> tokens, OriginPolicy origins, int maxBodyBytes, BooleanSupplier draining) {
        this.tokens = tokens;
        this.origins = origins;
        this.maxBodyBytes = maxBodyBytes;
        this.draining = draining;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI();
        boolean mcp = isMcpPath(path);
        if (draining.getAsBoolean()) {
            refuse(request, response, 503, JsonErrors.SERVER_ERROR, "the server is shutting down");
            return;
        }
        if (!origins.allowsHost(request.getHeader("Host"))) {
            refuse(request, response, 403, JsonErrors.SERVER_ERROR,
                    "Host header not allowed: use the address the server listens on, or add the name to HTTP_ALLOWED_HOSTS");
            return;
        }
        if (!origins.allowsOrigin(request.getHeader("Origin"))) {
            refuse(request, response, 403, JsonErrors.SERVER_ERROR,
                    "Origin not allowed: add it to HTTP_ALLOWED_ORIGINS if this web page may use the server");
            return;
        }
        if (tokens.isPresent() && !HEALTH_PATH.equals(path)) {
            Optional<String> identity = tokens.get().identify(request.getHeader("Authorization"));
            if (identity.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"dynamic-mcp\"");
                refuse(request, response, 401, JsonErrors.SERVER_ERROR,
                        "missing or wrong bearer token: send 'Authorization: Bearer <token>' with your token");
                return;
            }
            request.setAttribute(Identities.TOKEN_ATTRIBUTE, identity.get());
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(response, mcp, idOfPrefix(request));
            return;
        }
        BufferedRequest buffered = BufferedRequest.read(request, maxBodyBytes);
        if (!buffered.complete()) {
            tooLarge(response, mcp, JsonRpcPeek.idOfPrefix(buffered.body(), Math.min(buffered.body().length, ID_PREFIX_BYTES)));
            return;
        }
        if (mcp && !HttpServer.MCP_PATH.equals(path) && !legacyVersion(buffered, response)) {
            return;
        }
        chain.doFilter(buffered, response);
    }

    /** The legacy SSE endpoints speak the initialize-era revisions only. */
    private static boolean legacyVersion(BufferedRequest request, HttpServletResponse response) throws IOException {
        String version = request.getHeader("MCP-Protocol-Version");
        if (version == null || ProtocolEra.LEGACY_VERSIONS.contains(version.trim())) {
            return true;
        }
        JsonRpcPeek message = JsonRpcPeek.of(request.body());
        JsonErrors.send(response, 400, true, message == null ? null : message.id(), JsonErrors.INVALID_REQUEST,
                "unsupported MCP-Protocol-Version " + abbreviate(version) + ": " + HttpServer.SSE_PATH + " speaks "
                + String.join(", ", ProtocolEra.LEGACY_VERSIONS) + "; " + ProtocolEra.MODERN_VERSION + " is served at "
                + HttpServer.MCP_PATH);
        return false;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, int code, String message)
            throws IOException {
        boolean mcp = isMcpPath(request.getRequestURI());
        JsonErrors.send(response, status, mcp, mcp ? idOfPrefix(request) : null, code, message);
    }

    private void tooLarge(HttpServletResponse response, boolean mcp, Object id) throws IOException {
        response.setHeader("Connection", "close");
        JsonErrors.send(response, 413, mcp, id, JsonErrors.INVALID_REQUEST,
                "request body larger than " + maxBodyBytes + " bytes (HTTP_MAX_BODY_BYTES)");
    }

    /** The JSON-RPC id at the start of a POST body, reading no more than {@value #ID_PREFIX_BYTES} bytes of it. */
    private static Object idOfPrefix(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        byte[] prefix = new byte[ID_PREFIX_BYTES];
        int length = 0;
        try (InputStream in = request.getInputStream()) {
            int n;
            while (length < prefix.length && (n = in.read(prefix, length, prefix.length - length)) != -1) {
                length += n;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return JsonRpcPeek.idOfPrefix(prefix, length);
    }

    static boolean isMcpPath(String path) {
        return HttpServer.MCP_PATH.equals(path) || HttpServer.SSE_PATH.equals(path) || HttpServer.MESSAGE_PATH.equals(path);
    }

    static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
