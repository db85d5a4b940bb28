package io.dynamicmcp.core.host;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ToolProvider;

/**
 * A provider found on the class path or in a plugin, with where it came from.
 *
 * @param origin the jar or folder it was loaded from, for messages
 * @param builtIn whether it ships with the server (its tools' schemas are checked when the server is built, by the
 *     contract test) rather than coming from a plugin (checked when it loads)
 */
public record DiscoveredProvider(ToolProvider provider, String origin, boolean builtIn) {

    public DiscoveredProvider {
        requireNonNull(provider, "provider is null");
        requireNonNull(origin, "origin is null");
    }

    /** A provider that does not ship with the server. */
    public DiscoveredProvider(ToolProvider provider, String origin) {
        this(provider, origin, false);
    }
}
