package io.dynamicmcp.core.host;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ToolProvider;

/**
 * A provider found on the class path or in a plugin, with where it came from.
 *
 * @param origin the jar or folder it was loaded from, for messages
 */
public record DiscoveredProvider(ToolProvider provider, String origin) {

    public DiscoveredProvider {
        requireNonNull(provider, "provider is null");
        requireNonNull(origin, "origin is null");
    }
}
