package io.dynamicmcp.distribution;

import io.dynamicmcp.core.config.LayeredSettings;
import io.dynamicmcp.spi.InvalidSettingException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The settings the launcher itself reads, validated, plus the merged settings handed to providers. */
record ServerSettings(LayeredSettings all, Path home, String logLevel, boolean suppressMcpWarnings, Path stateDirectory,
        Path auditLog, long auditLogMaxBytes, List<Path> pluginDirs, Duration stdioDrainLimit) {

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "OFF");

    static ServerSettings load(Map<String, String> flags, Path workingDirectory) {
        Path home = Path.of(System.getProperty("dynamic.mcp.home", ".")).toAbsolutePath().normalize();
        LayeredSettings all = LayeredSettings.load(flags, System.getenv(), List.of(
                workingDirectory.resolve(".env"), home.resolve("conf").resolve("dynamic-mcp.env")));
        String level = all.string("LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new InvalidSettingException("LOG_LEVEL", all.string("LOG_LEVEL", ""), "one of DEBUG, INFO, WARNING, ERROR");
        }
        Path state = all.path("DYNAMIC_MCP_STATE_DIR", defaultStateDirectory()).toAbsolutePath();
        List<Path> plugins = new ArrayList<>();
        plugins.add(home.resolve("plugins"));
        plugins.addAll(all.paths("DYNAMIC_MCP_PLUGIN_DIRS", List.of()));
        return new ServerSettings(all, home, level, all.flag("SUPPRESS_MCP_WARNINGS", false), state,
                all.path("AUDIT_LOG", state.resolve("audit.log")),
                all.number("AUDIT_LOG_MAX_BYTES", 10L * 1024 * 1024, 4096, Long.MAX_VALUE),
                List.copyOf(plugins),
                all.seconds("STDIO_DRAIN_TIMEOUT", Duration.ofSeconds(600), 0));
    }

    private static Path defaultStateDirectory() {
        String xdg = System.getenv("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "dynamic-mcp");
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "dynamic-mcp");
    }
}
