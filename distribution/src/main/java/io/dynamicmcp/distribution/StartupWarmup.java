package io.dynamicmcp.distribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Loads and initialises, on a second core, the libraries the server needs before its first answer (Guice, Jackson,
 * the MCP schema types) while the main thread parses the command line and settings:
 * measured, these are most of start-up. It does nothing the main thread would not do anyway, prints nothing, and a
 * failure here only means the main thread does the work itself. Classes that log through SLF4J are touched only
 * after {@link Logging} configured it, so no logger is made with the wrong settings.
 */
final class StartupWarmup {

    private static final CountDownLatch LOGGING_CONFIGURED = new CountDownLatch(1);

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

    private static void run() {
        try {
            com.google.inject.Guice.createInjector(); // Guice's own start-up, needed first; logs through JUL only
            ObjectMapper mapper = new ObjectMapper();
            mapper.writeValueAsString(Map.of("warm", 1));
            if (!LOGGING_CONFIGURED.await(10, TimeUnit.SECONDS)) {
                return;
            }
            McpSchema.deserializeJsonRpcMessage(new JacksonMcpJsonMapper(mapper), "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"ping\"}");
        } catch (Throwable ignored) {
            // the main thread will do (and report) the same work
        }
    }
}
