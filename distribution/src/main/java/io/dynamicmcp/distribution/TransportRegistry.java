package io.dynamicmcp.distribution;

import io.dynamicmcp.core.mcp.ServerTransport;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Map;

/** The transports this distribution was built with, by name; only the one asked for is made (stdio loads no Jetty). */
final class TransportRegistry {

    private final Map<String, Provider<ServerTransport>> transports;

    @Inject
    TransportRegistry(Map<String, Provider<ServerTransport>> transports) {
        this.transports = transports;
    }

    ServerTransport get(String name) {
        Provider<ServerTransport> transport = transports.get(name);
        if (transport == null) {
            throw new UnknownTransportException(name, transports.keySet());
        }
        return transport.get();
    }
}
