package io.dynamicmcp.transport.http;

import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;

/** The SDK's legacy HTTP+SSE servlet, with every session it creates recorded in {@link McpSessions}. */
@SuppressWarnings("deprecation") // the SDK deprecated this transport; older clients still use it
final class TrackedSseProvider extends DelegatingProvider implements McpServerTransportProvider {

    private final HttpServletSseServerTransportProvider servlet;
    private final McpSessions sessions;

    TrackedSseProvider(HttpServletSseServerTransportProvider servlet, McpSessions sessions) {
        super(servlet);
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
}
