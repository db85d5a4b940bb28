package io.dynamicmcp.transport.stdio;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.core.mcp.McpServerAssembler;
import io.dynamicmcp.core.mcp.ServerTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Serves MCP over the given streams (the process's stdin and stdout) until the input ends: 2026-07-28 requests and
 * the initialize-era revisions alike, the process being the one caller.
 */
public final class StdioServer implements ServerTransport {

    /** Largest accepted message: 4 MiB. */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final Duration drainLimit;

    /**
     * @param drainLimit how long to wait, once the input ended, for answers to requests still running
     */
    public StdioServer(InputStream in, OutputStream out, Duration drainLimit) {
        this.in = requireNonNull(in, "in is null");
        this.out = requireNonNull(out, "out is null");
        this.drainLimit = requireNonNull(drainLimit, "drainLimit is null");
    }

    @Override
    public String name() {
        return "stdio";
    }

    @Override
    public void serve(McpServerAssembler assembler) throws Exception {
        StdioServerTransport transport = new StdioServerTransport(assembler.jsonMapper(), in, out,
                assembler.inFlightCalls(), assembler::modern, MAX_MESSAGE_BYTES, assembler::prepareForCalls);
        McpSyncServer server = assembler.assemble(McpServer.sync(transport), StdioServerTransport.CALLER_ID);
        try {
            transport.serve(drainLimit);
        } finally {
            server.close();
        }
    }
}
