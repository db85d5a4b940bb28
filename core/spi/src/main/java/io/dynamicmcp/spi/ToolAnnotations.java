package io.dynamicmcp.spi;

/**
 * Hints about a tool's behaviour, published to clients as MCP tool annotations. They must be true.
 *
 * @param readOnly the tool does not change its environment
 * @param destructive the tool may destroy or overwrite state (meaningful only when not read-only)
 * @param idempotent calling it twice with the same arguments has no further effect
 * @param openWorld the tool interacts with an open world (the network, the live system) rather than a closed
 *     set of data
 */
public record ToolAnnotations(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

    /** Reads a closed set of data and changes nothing. */
    public static final ToolAnnotations READ_ONLY = new ToolAnnotations(true, false, true, false);
}
