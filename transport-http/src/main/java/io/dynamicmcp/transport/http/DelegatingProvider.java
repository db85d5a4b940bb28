package io.dynamicmcp.transport.http;

import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/** Passes everything but session creation to the SDK's servlet; subclasses record the sessions it creates. */
abstract class DelegatingProvider implements McpServerTransportProviderBase {

    static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);

    private final McpServerTransportProviderBase servlet;

    DelegatingProvider(McpServerTransportProviderBase servlet) {
        this.servlet = servlet;
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
