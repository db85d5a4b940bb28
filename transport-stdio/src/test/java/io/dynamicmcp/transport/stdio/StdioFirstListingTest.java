package io.dynamicmcp.transport.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.core.mcp.InFlightCalls;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The transport's signal that a client has what it needs before calling a tool: once, and not for initialize. */
class StdioFirstListingTest {

    private static final String INIT = """
            {"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}
            {"jsonrpc":"2.0","method":"notifications/initialized"}
            """;
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/list\"}\n";

    private static int signalsAfter(String input) throws Exception {
        AtomicInteger signals = new AtomicInteger();
        var mapper = new JacksonMcpJsonMapper(new ObjectMapper());
        StdioServerTransport transport = new StdioServerTransport(mapper,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                new InFlightCalls(), () -> {
                    throw new AssertionError("no 2026-07-28 request was sent");
                }, StdioServer.MAX_MESSAGE_BYTES, signals::incrementAndGet);
        McpSyncServer server = McpServer.sync(transport).jsonMapper(mapper)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build()).build();
        try {
            transport.serve(Duration.ofSeconds(30));
        } finally {
            server.close();
        }
        return signals.get();
    }

    @Test
    void initializeAloneIsNoSignal() throws Exception {
        assertEquals(0, signalsAfter(INIT));
    }

    @Test
    void theFirstOtherRequestSignalsOnceAndLaterOnesDoNot() throws Exception {
        assertEquals(1, signalsAfter(INIT + LIST.formatted(1) + LIST.formatted(2) + LIST.formatted(3)));
    }
}
