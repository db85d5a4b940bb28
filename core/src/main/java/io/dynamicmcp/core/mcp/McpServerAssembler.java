package io.dynamicmcp.core.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.core.host.StartupException;
import io.dynamicmcp.core.host.ToolHost;
import io.dynamicmcp.spi.Tool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds an SDK server from the host's tools for whichever transport a launcher chose, and owns what every
 * server shares: the JSON mapper, the schema validator and the registry of in-flight calls.
 */
public final class McpServerAssembler implements AutoCloseable {

    public static final String SERVER_NAME = "dynamic-mcp";

    private final ToolHost host;
    private final String version;
    private final InFlightCalls inFlight = new InFlightCalls();
    private final McpJsonMapper jsonMapper;
    private final CallSchemaValidator schemaValidator = new CallSchemaValidator(DefaultJsonSchemaValidator::new);
    private boolean pluginSchemasChecked;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tool-call-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    public McpServerAssembler(ToolHost host, String version) {
        this(host, version, new JacksonMcpJsonMapper(new ObjectMapper()));
    }

    /** With a JSON mapper made (and perhaps warmed up) elsewhere. */
    public McpServerAssembler(ToolHost host, String version, McpJsonMapper jsonMapper) {
        this.host = requireNonNull(host, "host is null");
        this.version = requireNonNull(version, "version is null");
        this.jsonMapper = requireNonNull(jsonMapper, "jsonMapper is null");
    }

    public McpJsonMapper jsonMapper() {
        return jsonMapper;
    }

    public InFlightCalls inFlightCalls() {
        return inFlight;
    }

    public ToolHost host() {
        return host;
    }

    /**
     * Completes a transport's server specification with our identity, capabilities and tools, and builds it.
     *
     * @throws StartupException if a plugin tool's input or output schema is not a valid JSON Schema
     */
    @SuppressWarnings("deprecation") // logging: deprecated by MCP 2026-07-28, still part of the revisions served here
    public <S extends McpServer.SyncSpecification<S>> McpSyncServer assemble(McpServer.SyncSpecification<S> spec) {
        checkPluginSchemas();
        List<PromptAdapter> prompts = host.prompts().stream().map(PromptAdapter::new).toList();
        List<SyncCompletionSpecification> completions = prompts.stream()
                .flatMap(prompt -> prompt.completion().stream()).toList();
        McpSchema.ServerCapabilities.Builder capabilities = McpSchema.ServerCapabilities.builder().tools(false).logging();
        if (!prompts.isEmpty()) {
            capabilities.prompts(false);
        }
        if (!completions.isEmpty()) {
            capabilities.completions();
        }
        List<ResourceAdapter> resources = host.resourceSources().stream().map(ResourceAdapter::new).toList();
        PublishedResources published = new PublishedResources(resources);
        if (!resources.isEmpty()) {
            capabilities.resources(false, true);
            host.onResourcesChanged(published::refresh);
        }
        McpSyncServer server = spec
                .serverInfo(McpSchema.Implementation.builder(SERVER_NAME, version).title("Dynamic MCP").build())
                .capabilities(capabilities.build())
                .jsonMapper(jsonMapper)
                .jsonSchemaValidator(schemaValidator)
                .instructions(instructions())
                .tools(toolSpecifications())
                .prompts(prompts.stream().map(PromptAdapter::specification).toList())
                .completions(completions)
                .resources(published.initial())
                .resourceTemplates(resources.stream().map(ResourceAdapter::template).toList())
                .build();
        published.attach(server);
        return server;
    }

    /** The tools as the SDK describes them, for transports that list tools outside MCP (REST). */
    public List<McpSchema.Tool> describeTools() {
        return host.tools().stream().map(ToolAdapter::describe).toList();
    }

    /**
     * Calls a tool by name outside MCP (the REST interface), through the same handler, cancellation, timeout
     * and error handling as {@code tools/call}: failures are {@code isError} results, never exceptions.
     *
     * @param callerId who owns what the call opens (see {@link io.dynamicmcp.spi.ToolCall#callerId()})
     * @param requestId an id unique among this caller's running calls, so that shutdown and
     *     {@link InFlightCalls#cancel} can reach it
     * @return the result, or empty if no tool has this name
     */
    public Optional<McpSchema.CallToolResult> callTool(String toolName, Map<String, Object> arguments, String callerId,
            Object requestId) {
        requireNonNull(callerId, "callerId is null");
        return host.tools().stream()
                .filter(tool -> tool.name().equals(toolName))
                .findFirst()
                .map(tool -> new ToolAdapter(tool, inFlight, timer).callDirect(callerId, requestId, arguments));
    }

    private synchronized void checkPluginSchemas() {
        if (pluginSchemasChecked) {
            return;
        }
        host.pluginTools().forEach((tool, origin) -> {
            checkSchema(tool, "input", tool.inputSchema(), origin);
            tool.outputSchema().ifPresent(schema -> checkSchema(tool, "output", schema, origin));
        });
        pluginSchemasChecked = true;
    }

    private void checkSchema(Tool tool, String which, Map<String, Object> schema, String origin) {
        JsonSchemaValidator.ValidationResponse response = schemaValidator.validateSchema(schema);
        if (!response.valid()) {
            throw new StartupException("the tool '" + tool.name() + "' of " + origin + " has an invalid " + which
                    + " schema (" + response.errorMessage() + "); fix the plugin or remove it");
        }
    }

    private List<SyncToolSpecification> toolSpecifications() {
        List<SyncToolSpecification> specifications = new ArrayList<>();
        for (Tool tool : host.tools()) {
            specifications.add(new ToolAdapter(tool, inFlight, timer).specification());
        }
        return specifications;
    }

    private static String instructions() {
        return "Kernel crash-dump analysis with the crash utility and live kernel tracing with bpftrace. "
                + "After a crash, start with crash_triage (one call: panic, task, backtrace, taint, modules, log, "
                + "memory), then crash_command in its session; list_crash_dumps lists the dumps; "
                + "get_crash_info and get_bpftrace_info tell what this host can do.";
    }

    /** Cancels in-flight calls and stops the timer; the host is closed by its owner. */
    @Override
    public void close() {
        inFlight.cancelAll();
        timer.shutdownNow();
    }
}
