package io.dynamicmcp.transport.http;

import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/** The SDK's legacy HTTP+SSE servlet, with every session it creates recorded in {@link McpSessions}. */
@SuppressWarnings("deprecation") // the SDK deprecated this transport; older clients still use it
final class TrackedSseProvider implements McpServerTransportProvider {

    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);

    private final HttpServletSseServerTransportProvider servlet;
    private final McpSessions sessions;

    TrackedSseProvider(HttpServletSseServerTransportProvider servlet, McpSessions sessions) {
        this.servlet = servlet;
        this.sessions = sessions;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        servlet.setSessionFactory(transport -> {
            McpServerSession session = factory.create(transport);
            sessions.register(McpSessions.CURRENT.get(), session.getId(), () -> session.closeGracefully().block(CLOSE_LIMIT));
            return session;
        });
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return servlet.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return servlet.notifyClient(sessionId, method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return servlet.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return servlet.protocolVersions();
    }
}
