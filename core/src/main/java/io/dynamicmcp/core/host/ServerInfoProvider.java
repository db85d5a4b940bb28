package io.dynamicmcp.core.host;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The host's own tool, {@code server_info}: what the host knows about itself, shown rather than dropped. The server's
 * version and runtime, the plugin folders, every provider found (its version, where it was loaded from, whether it
 * opened and why not, its tools, the child processes its set has running), and the problems met while loading plugins.
 */
public final class ServerInfoProvider implements ToolProvider {

    private final String serverVersion;
    private final List<Path> pluginFolders;
    private final List<String> problems;
    private final Supplier<ToolHost> host;

    /**
     * @param problems what went wrong while loading plugins ({@code ProviderDiscovery.problems()})
     * @param host the host, once it is open (the tool is called only after that)
     */
    public ServerInfoProvider(String serverVersion, List<Path> pluginFolders, List<String> problems,
            Supplier<ToolHost> host) {
        this.serverVersion = requireNonNull(serverVersion, "serverVersion is null");
        this.pluginFolders = List.copyOf(pluginFolders);
        this.problems = List.copyOf(problems);
        this.host = requireNonNull(host, "host is null");
    }

    @Override
    public String id() {
        return "server";
    }

    @Override
    public String version() {
        return serverVersion;
    }

    @Override
    public ToolSet open(ProviderContext context) {
        Tool tool = Tool.builder("server_info")
                .title("What this server is and what it loaded")
                .description("The server's version and Java runtime, its plugin folders, every tool provider it found "
                        + "(version, the jar or folder it came from, whether it is available and why not, its tools, "
                        + "the child processes it has running) and any problem met while loading plugins. Use it when "
                        + "a tool you expect is missing or a backend says it is unavailable.")
                .inputSchema(JsonSchema.object().build())
                .outputSchema(outputSchema())
                .annotations(ToolAnnotations.READ_ONLY)
                .handler(call -> report())
                .build();
        return new ToolSet() {
            @Override
            public List<Tool> tools() {
                return List.of(tool);
            }

            @Override
            public void close() {
            }
        };
    }

    private ToolResult report() {
        ToolHost opened = host.get();
        Map<String, List<ChildProcess>> children = opened.children();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server_version", serverVersion);
        out.put("java", Runtime.version().toString() + " (" + System.getProperty("java.vm.name", "?") + ")");
        out.put("plugin_folders", pluginFolders.stream().map(Path::toString).toList());
        StringBuilder text = new StringBuilder("Dynamic MCP ").append(serverVersion).append(" on Java ")
                .append(Runtime.version()).append("\nProviders:");
        List<Map<String, Object>> providers = opened.statuses().stream().map(status -> {
            List<ChildProcess> running = children.getOrDefault(status.id(), List.of());
            text.append("\n- ").append(status.id()).append(' ').append(status.version()).append(" from ")
                    .append(status.origin()).append(status.available()
                            ? ": " + status.tools().size() + " tools, " + running.size() + " child process(es)"
                            : ": UNAVAILABLE, " + status.message());
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("id", status.id());
            provider.put("version", status.version());
            provider.put("origin", status.origin());
            provider.put("available", status.available());
            provider.put("problem", status.message());
            provider.put("tools", status.tools());
            provider.put("children", running.stream().map(ServerInfoProvider::child).toList());
            return provider;
        }).toList();
        out.put("providers", providers);
        out.put("problems", problems);
        if (!problems.isEmpty()) {
            text.append("\nProblems while loading plugins:");
            problems.forEach(problem -> text.append("\n- ").append(problem));
        }
        return ToolResult.success(text.toString(), out);
    }

    private static Map<String, Object> child(ChildProcess child) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pid", child.pid());
        map.put("program", child.spec().programName().orElse("?"));
        map.put("started", child.started().toString());
        map.put("alive", child.isAlive());
        return map;
    }

    private static Map<String, Object> outputSchema() {
        JsonSchema child = JsonSchema.object()
                .property("pid", JsonSchema.integer().description("Process id"))
                .property("program", JsonSchema.string().description("The program's file name"))
                .property("started", JsonSchema.string().description("Start time, ISO-8601"))
                .property("alive", JsonSchema.bool().description("Whether it still runs"))
                .required("pid", "program", "started", "alive");
        JsonSchema provider = JsonSchema.object()
                .property("id", JsonSchema.string().description("Provider id"))
                .property("version", JsonSchema.string().description("Its version (its jar's Implementation-Version)"))
                .property("origin", JsonSchema.string().description("The plugin folder or jar it came from"))
                .property("available", JsonSchema.bool().description("Whether it opened and serves its tools"))
                .property("problem", JsonSchema.string().nullable().description("Why it is unavailable"))
                .property("tools", JsonSchema.array(JsonSchema.string()).description("Its tools"))
                .property("children", JsonSchema.array(child).description("Child processes its tools have running"))
                .required("id", "version", "origin", "available", "problem", "tools", "children");
        return JsonSchema.object()
                .property("server_version", JsonSchema.string().description("This server's version"))
                .property("java", JsonSchema.string().description("The Java runtime"))
                .property("plugin_folders", JsonSchema.array(JsonSchema.string()).description("Where plugins are "
                        + "loaded from"))
                .property("providers", JsonSchema.array(provider).description("Every provider found, in load order"))
                .property("problems", JsonSchema.array(JsonSchema.string()).description("Plugins that could not be "
                        + "loaded, and why"))
                .required("server_version", "java", "plugin_folders", "providers", "problems").build();
    }
}
