package io.dynamicmcp.distribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * Loads and initialises, on a second core, the libraries the server needs before its first answer (Guice, Jackson,
 * the MCP schema types, the JSON-schema validator) while the main thread parses the command line and settings:
 * measured, these are most of start-up. It does nothing the main thread would not do anyway, prints nothing, and a
 * failure here only means the main thread does the work itself.
 */
final class StartupWarmup {

    private StartupWarmup() {
    }

    static void start() {
        Thread thread = new Thread(StartupWarmup::run, "startup-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            com.google.inject.Guice.createInjector(); // Guice's own start-up, needed first
            new ObjectMapper().writeValueAsString(Map.of("warm", 1));
            McpSchema.deserializeJsonRpcMessage(new io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper(new ObjectMapper()),
                    "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"ping\"}");
            new DefaultJsonSchemaValidator().validateSchema(Map.of("type", "object"));
        } catch (Throwable ignored) {
            // the main thread will do (and report) the same work
        }
    }
}
