package io.dynamicmcp.transport.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The checks every request passes before any endpoint sees it: not shutting down, {@code Host} and {@code Origin}
 * allowed (DNS-rebinding protection), the bearer token (except for {@code /healthz}), a known
 * {@code MCP-Protocol-Version} if one is sent, and a body no larger than the limit, which is read here.
 */
final class RequestGuard extends HttpFilter {

    static final String HEALTH_PATH = "/healthz";

    private final Optional<BearerToken> token;
    private final OriginPolicy origins;
    private final Set<String> protocolVersions;
    private final int maxBodyBytes;
    private final BooleanSupplier draining;

    RequestGuard(Optional<BearerToken> token, OriginPolicy origins, Set<String> protocolVersions, int maxBodyBytes,
            BooleanSupplier draining) {
        this.token = token;
        this.origins = origins;
        this.protocolVersions = protocolVersions;
        this.maxBodyBytes = maxBodyBytes;
        this.draining = draining;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI();
        boolean mcp = isMcpPath(path);
        if (draining.getAsBoolean()) {
            JsonErrors.send(response, 503, mcp, JsonErrors.SERVER_ERROR, "the server is shutting down");
            return;
        }
        if (!origins.allowsHost(request.getHeader("Host"))) {
            JsonErrors.send(response, 403, mcp, JsonErrors.SERVER_ERROR,
                    "Host header not allowed: use the address the server listens on, or add the name to HTTP_ALLOWED_HOSTS");
            return;
        }
        if (!origins.allowsOrigin(request.getHeader("Origin"))) {
            JsonErrors.send(response, 403, mcp, JsonErrors.SERVER_ERROR,
                    "Origin not allowed: add it to HTTP_ALLOWED_ORIGINS if this web page may use the server");
            return;
        }
        if (token.isPresent() && !HEALTH_PATH.equals(path) && !token.get().matches(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"dynamic-mcp\"");
            JsonErrors.send(response, 401, mcp, JsonErrors.SERVER_ERROR,
                    "missing or wrong bearer token: send 'Authorization: Bearer <token>' with the server's token");
            return;
        }
        String version = request.getHeader("MCP-Protocol-Version");
        if (mcp && version != null && !protocolVersions.contains(version.trim())) {
            JsonErrors.send(response, 400, true, JsonErrors.INVALID_REQUEST, "unsupported MCP-Protocol-Version "
                    + abbreviate(version) + ": this server speaks " + String.join(", ", new java.util.TreeSet<>(protocolVersions)));
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(response, mcp);
            return;
        }
        BufferedRequest buffered = BufferedRequest.read(request, maxBodyBytes);
        if (buffered == null) {
            tooLarge(response, mcp);
            return;
        }
        chain.doFilter(buffered, response);
    }

    private void tooLarge(HttpServletResponse response, boolean mcp) throws IOException {
        response.setHeader("Connection", "close");
        JsonErrors.send(response, 413, mcp, JsonErrors.INVALID_REQUEST,
                "request body larger than " + maxBodyBytes + " bytes (HTTP_MAX_BODY_BYTES)");
    }

    static boolean isMcpPath(String path) {
        return HttpServer.MCP_PATH.equals(path) || HttpServer.SSE_PATH.equals(path) || HttpServer.MESSAGE_PATH.equals(path);
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
