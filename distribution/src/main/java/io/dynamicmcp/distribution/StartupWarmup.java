package io.dynamicmcp.distribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Does on a second core, while the main thread parses the command line and settings and opens the providers, the
 * library work the server needs before its first answer: Guice's own start-up, and the server's JSON mapper, which
 * it makes and then teaches the types of the first messages (initialize, tools/list) — measured, these are most of
 * start-up. It does nothing the main thread would not do anyway and prints nothing; if it fails, the main thread
 * makes its own mapper. Classes that log through SLF4J are touched only after {@link Logging} configured it.
 */
final class StartupWarmup {

    private static final CountDownLatch LOGGING_CONFIGURED = new CountDownLatch(1);
    private static final CompletableFuture<McpJsonMapper> JSON_MAPPER = new CompletableFuture<>();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"roots\":{\"listChanged\":true},\"sampling\":{},"
            + "\"elicitation\":{}},\"clientInfo\":{\"name\":\"warm-up\",\"version\":\"0\"}}}";

    private StartupWarmup() {
    }

    static void start() {
        Thread thread = new Thread(StartupWarmup::run, "startup-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called once logging is configured; lets the warm-up go on to the classes that log. */
    static void loggingConfigured() {
        LOGGING_CONFIGURED.countDown();
    }

    /** The server's JSON mapper: the warm-up's, or a new one if the warm-up failed or is not there. */
    static McpJsonMapper jsonMapper() {
        try {
            return JSON_MAPPER.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return new JacksonMcpJsonMapper(new ObjectMapper());
        }
    }

    private static void run() {
        try {
            com.google.inject.Guice.createInjector(); // Guice's own start-up; logs through JUL only
            McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
            JSON_MAPPER.complete(mapper); // Jackson is thread-safe: the main thread may use it while it is warmed
            if (LOGGING_CONFIGURED.await(10, TimeUnit.SECONDS)) {
                firstMessages(mapper);
            }
        } catch (Throwable e) {
            JSON_MAPPER.completeExceptionally(e);
        }
    }

    /** Reads an initialize request and writes the answers to it and to tools/list, as the server will. */
    @SuppressWarnings("deprecation") // logging: deprecated by MCP 2026-07-28, still declared to older clients
    private static void firstMessages(McpJsonMapper mapper) throws Exception {
        Map<?, ?> request = mapper.readValue(INITIALIZE, HashMap.class); // as the stdio transport reads it
        mapper.convertValue(request.get("params"), new TypeRef<McpSchema.InitializeRequest>() { });
        var capabilities = McpSchema.ServerCapabilities.builder().tools(false).logging().prompts(false).completions()
                .build();
        var initialized = McpSchema.InitializeResult.builder("2025-06-18", capabilities,
                McpSchema.Implementation.builder("warm-up", "0").build()).instructions("").build();
        mapper.writeValueAsString(new McpSchema.JSONRPCResponse("2.0", 0, initialized, null));
        var tool = McpSchema.Tool.builder("warm_up", Map.of("type", "object", "properties", Map.of())).title("Warm-up")
                .description("").outputSchema(Map.of("type", "object"))
                .annotations(new McpSchema.ToolAnnotations("", true, false, true, false, false)).build();
        mapper.writeValueAsString(new McpSchema.JSONRPCResponse("2.0", 1, McpSchema.ListToolsResult.builder(List.of(tool)).build(),
                null));
    }
}
