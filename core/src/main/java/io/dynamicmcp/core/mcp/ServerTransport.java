package io.dynamicmcp.core.mcp;

/**
 * A way of serving the assembled MCP server to clients (stdio, HTTP). A launcher picks one by name.
 * {@link #serve} blocks until the transport is done: the input ended, or the process was asked to stop.
 */
public interface ServerTransport {

    /** The name a launcher selects it by, e.g. {@code stdio}. */
    String name();

    void serve(McpServerAssembler assembler) throws Exception;
}
