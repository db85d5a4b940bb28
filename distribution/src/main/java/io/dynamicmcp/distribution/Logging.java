package io.dynamicmcp.distribution;

import org.slf4j.LoggerFactory;

/**
 * Configures slf4j-simple before the first logger exists: everything to stderr ({@code simplelogger.properties}), at
 * {@code LOG_LEVEL}, and the MCP SDK's own warnings silenced when {@code SUPPRESS_MCP_WARNINGS} is set.
 */
final class Logging {

    private static final String SDK_SERVER = "io.modelcontextprotocol.server.McpAsyncServer";

    private Logging() {
    }

    static void configure(ServerSettings settings, String transport) {
        // the provider named, so that slf4j does not search every jar for one; its note that it did so is not shown
        System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", simpleLevel(settings.logLevel()));
        if (settings.suppressMcpWarnings()) {
            System.setProperty("org.slf4j.simpleLogger.log.io.modelcontextprotocol", "error");
        }
        if ("stdio".equals(transport) && !settings.suppressMcpWarnings() && !isDetailed(settings.logLevel())) {
            // the stdio transport names the client itself; the SDK's line prints its records, and their first
            // toString cost ~25 ms of the answer to initialize. At DEBUG and TRACE the SDK's line is kept.
            System.setProperty("org.slf4j.simpleLogger.log." + SDK_SERVER, "warn");
        }
        System.setProperty("dynamic.mcp.transport", transport);
        // initialised here, on the main thread: initialised by the first logger of another thread (the warm-up's),
        // slf4j replays the calls it held meanwhile and says so in three lines on stderr
        LoggerFactory.getILoggerFactory();
    }

    private static boolean isDetailed(String level) {
        return "DEBUG".equals(level) || "TRACE".equals(level);
    }

    private static String simpleLevel(String level) {
        return switch (level) {
            case "TRACE" -> "trace";
            case "DEBUG" -> "debug";
            case "WARNING", "WARN" -> "warn";
            case "ERROR", "CRITICAL" -> "error";
            case "OFF" -> "off";
            default -> "info";
        };
    }
}
