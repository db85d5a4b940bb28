package io.dynamicmcp.transport.http;

import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;

/** The SDK's Streamable HTTP servlet, with every session it creates recorded in {@link McpSessions}. */
final class TrackedStreamableProvider extends DelegatingProvider implements McpStreamableServerTransportProvider {

    private final HttpServletStreamableServerTransportProvider servlet;
    private final McpSessions sessions;

    TrackedStreamableProvider(HttpServletStreamableServerTransportProvider servlet, McpSessions sessions) {
        super(servlet);
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
}
