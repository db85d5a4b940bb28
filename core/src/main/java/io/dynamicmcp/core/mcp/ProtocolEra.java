package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which protocol revision a request speaks, as the 2026-07-28 versioning rules tell a dual-era server: a request whose
 * {@code _meta} names a protocol version, or whose method exists only since 2026-07-28 ({@code server/discover},
 * {@code subscriptions/listen}), is served statelessly; anything else (above all {@code initialize}) belongs to the
 * initialize-era revisions.
 */
public final class ProtocolEra {

    /** The stateless revision served from {@code _meta}. */
    public static final String MODERN_VERSION = ModernServerBuilder.VERSION;

    /** The revisions served through {@code initialize}, oldest first. */
    public static final List<String> LEGACY_VERSIONS = List.of(ProtocolVersions.MCP_2024_11_05,
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    private static final Set<String> MODERN_METHODS = Set.of(McpSchema.METHOD_SERVER_DISCOVER,
            McpSchema.METHOD_SUBSCRIPTIONS_LISTEN);

    private ProtocolEra() {
    }

    /** Whether a request with this method and these params is a 2026-07-28 request. */
    public static boolean isModern(String method, Object params) {
        return isModern(method, metaVersion(params));
    }

    /** Whether a request with this method, whose {@code _meta} names {@code metaVersion} (or null), is 2026-07-28. */
    public static boolean isModern(String method, String metaVersion) {
        return metaVersion != null || MODERN_METHODS.contains(method);
    }

    /** Whether the server knows {@code version}, in either era. */
    public static boolean isKnown(String version) {
        return MODERN_VERSION.equals(version) || LEGACY_VERSIONS.contains(version);
    }

    /** The protocol version a request's {@code params._meta} names, or null. */
    public static String metaVersion(Object params) {
        return params instanceof Map<?, ?> map && map.get("_meta") instanceof Map<?, ?> meta
                && meta.get(McpSchema.MetaKeys.PROTOCOL_VERSION) instanceof String version ? version : null;
    }
}
