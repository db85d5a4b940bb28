package io.dynamicmcp.distribution;

import io.dynamicmcp.core.mcp.ServerTransport;
import java.util.Map;
import java.util.function.Supplier;

/** The transports this distribution was built with, by name; only the one asked for is made (stdio loads no Jetty). */
final class TransportRegistry {

    private final Map<String, Supplier<ServerTransport>> transports;

    TransportRegistry(Map<String, Supplier<ServerTransport>> transports) {
        this.transports = transports;
    }

    ServerTransport get(String name) {
        Supplier<ServerTransport> transport = transports.get(name);
        if (transport == null) {
            throw new UnknownTransportException(name, transports.keySet());
        }
        return transport.get();
    }
}
