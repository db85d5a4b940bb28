package io.dynamicmcp.transport.http;

import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/** The SDK's Streamable HTTP servlet, with every session it creates recorded in {@link McpSessions}. */
final class TrackedStreamableProvider implements McpStreamableServerTransportProvider {

    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);

    private final HttpServletStreamableServerTransportProvider servlet;
    private final McpSessions sessions;

    TrackedStreamableProvider(HttpServletStreamableServerTransportProvider servlet, McpSessions sessions) {
        this.servlet = servlet;
        this.sessions = sessions;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory factory) {
        servlet.setSessionFactory(initialize -> {
            McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(initialize);
            McpStreamableServerSession session = init.session();
            sessions.register(McpSessions.CURRENT.get(), session.getId(), () -> session.delete().block(CLOSE_LIMIT));
            return init;
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
