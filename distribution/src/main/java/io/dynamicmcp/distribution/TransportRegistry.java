package io.dynamicmcp.distribution;

import io.dynamicmcp.core.mcp.ServerTransport;
import jakarta.inject.Inject;
import java.util.Map;

/** The transports this distribution was built with, by name. */
final class TransportRegistry {

    private final Map<String, ServerTransport> transports;

    @Inject
    TransportRegistry(Map<String, ServerTransport> transports) {
        this.transports = transports;
    }

    ServerTransport get(String name) {
        ServerTransport transport = transports.get(name);
        if (transport == null) {
            throw new UnknownTransportException(name, transports.keySet());
        }
        return transport;
    }
}
