package io.dynamicmcp.distribution;

import io.dynamicmcp.testkit.StdioMcpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the built {@code bin/dynamic-mcp} as a real process, with its state, dumps and cache under a test folder. */
final class Launcher {

    private Launcher() {
    }

    /** The unpacked distribution the build made (target/dynamic-mcp). */
    static Path distribution() {
        Path dist = Path.of(System.getProperty("dynamic.mcp.distribution", "target/dynamic-mcp"));
        if (!Files.isExecutable(dist.resolve("bin/dynamic-mcp"))) {
            throw new IllegalStateException("no built distribution at " + dist + ": run ./mvnw package first");
        }
        return dist;
    }

    static StdioMcpClient start(Path state, Map<String, String> env, String... args) throws IOException {
        return start(distribution(), state, env, args);
    }

    /** Starts the launcher of the given distribution folder, e.g. a copy with plugins dropped in. */
    static StdioMcpClient start(Path distribution, Path state, Map<String, String> env, String... args) throws IOException {
        return startUnder(List.of(), distribution, state, env, args);
    }

    /** Starts the launcher through {@code parent}, a command that execs its arguments (e.g. one that ignores signals). */
    static StdioMcpClient startUnder(List<String> parent, Path distribution, Path state, Map<String, String> env,
            String... args) throws IOException {
        List<String> command = new ArrayList<>(parent);
        command.add(distribution.resolve("bin/dynamic-mcp").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(state.toFile());
        builder.environment().put("DYNAMIC_MCP_STATE_DIR", state.resolve("state").toString());
        builder.environment().put("CRASH_DUMP_PATH", state.resolve("no-dumps").toString());
        builder.environment().put("XDG_CACHE_HOME", state.resolve("cache").toString());
        builder.environment().putAll(env);
        return StdioMcpClient.start(builder);
    }
}
