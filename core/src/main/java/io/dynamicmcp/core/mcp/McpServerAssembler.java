package io.dynamicmcp.core.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.core.host.StartupException;
import io.dynamicmcp.core.host.ToolHost;
import io.dynamicmcp.spi.Tool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the SDK servers for whichever transport a launcher chose — an initialize-era server per transport
 * (protocol 2025-11-25 and older) and one stateless 2026-07-28 server — and owns what they all share: the JSON
 * mapper, the schema validator, the registry of in-flight calls and the catalog of resources.
 */
public final class McpServerAssembler implements AutoCloseable {

    public static final String SERVER_NAME = "dynamic-mcp";
    private static final String SERVER_TITLE = "Dynamic MCP";

    private final ToolHost host;
    private final String version;
    private final InFlightCalls inFlight = new InFlightCalls();
    private final McpJsonMapper jsonMapper;
    private final CallSchemaValidator schemaValidator = new CallSchemaValidator(SchemasByIdentity::new);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tool-call-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService calls = callThreads();
    private final List<ToolRunner> runners;
    private boolean pluginSchemasChecked;
    private ResourceCatalog catalog;
    private ModernRequests modern;

    public McpServerAssembler(ToolHost host, String version) {
        this(host, version, new JacksonMcpJsonMapper(new ObjectMapper()));
    }

    /** With a JSON mapper made (and perhaps warmed up) elsewhere. */
    public McpServerAssembler(ToolHost host, String version, McpJsonMapper jsonMapper) {
        this.host = requireNonNull(host, "host is null");
        this.version = requireNonNull(version, "version is null");
        this.jsonMapper = requireNonNull(jsonMapper, "jsonMapper is null");
        this.runners = host.tools().stream().map(tool -> new ToolRunner(tool, inFlight, timer)).toList();
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
     * Completes a transport's initialize-era server specification with our identity, capabilities and tools, and
     * builds it, for a server of many callers: the SDK keeps one resource list per server, so it lists only the
     * resources every caller may see.
     *
     * @throws StartupException if a plugin tool's input or output schema is not a valid JSON Schema
     */
    public <S extends McpServer.SyncSpecification<S>> McpSyncServer assemble(McpServer.SyncSpecification<S> spec) {
        return assemble(spec, null);
    }

    /**
     * As {@link #assemble(McpServer.SyncSpecification)}, for a server whose every session is {@code soleCaller}
     * (stdio: the process): it lists that caller's resources too.
     */
    @SuppressWarnings("deprecation") // logging: deprecated by MCP 2026-07-28, still part of the revisions served here
    public <S extends McpServer.SyncSpecification<S>> McpSyncServer assemble(McpServer.SyncSpecification<S> spec,
            String soleCaller) {
        checkPluginSchemas();
        List<PromptAdapter> prompts = prompts();
        List<SyncCompletionSpecification> completions = prompts.stream()
                .flatMap(prompt -> prompt.completion().stream()).toList();
        McpSchema.ServerCapabilities.Builder capabilities = McpSchema.ServerCapabilities.builder().tools(false).logging();
        if (!prompts.isEmpty()) {
            capabilities.prompts(false);
        }
        if (!completions.isEmpty()) {
            capabilities.completions();
        }
        ResourceCatalog resources = catalog();
        PublishedResources published = new PublishedResources(resources,
                entry -> entry.resource().owner() == null || entry.resource().owner().equals(soleCaller));
        if (!resources.isEmpty()) {
            capabilities.resources(false, true);
        }
        McpSyncServer server = spec
                .serverInfo(McpSchema.Implementation.builder(SERVER_NAME, version).title(SERVER_TITLE).build())
                .capabilities(capabilities.build())
                .jsonMapper(jsonMapper)
                .jsonSchemaValidator(schemaValidator)
                .instructions(instructions())
                .tools(runners.stream().map(runner -> new ToolAdapter(runner).specification()).toList())
                .prompts(prompts.stream().map(PromptAdapter::specification).toList())
                .completions(completions)
                .resources(published.initial())
                .resourceTemplates(resources.sources().stream().map(ResourceAdapter::template).toList())
                .build();
        published.attach(server);
        return server;
    }

    /**
     * The stateless 2026-07-28 server, built at the first call and shared by every transport of the process.
     *
     * @throws StartupException if a plugin tool's input or output schema is not a valid JSON Schema
     */
    public synchronized ModernRequests modern() {
        if (modern == null) {
            checkPluginSchemas();
            modern = new ModernServerBuilder(SERVER_NAME, SERVER_TITLE, version, instructions(), jsonMapper,
                    schemaValidator).build(new ModernTools(runners, calls, inFlight), prompts(), catalog());
        }
        return modern;
    }

    /**
     * Tells the assembler that a client has had the answers it needs before it can call a tool (a transport calls
     * this after its first answer to a request other than {@code initialize}, or when it starts serving if it cannot
     * tell): the work only tool calls need, the schema validator for their arguments and results, starts then rather
     * than competing with those first answers. A call that comes first does that work itself.
     */
    public void prepareForCalls() {
        schemaValidator.prepareInBackground();
    }

    /** The tools as the SDK describes them, for transports that list tools outside MCP (REST). */
    public List<McpSchema.Tool> describeTools() {
        return host.tools().stream().map(ToolAdapter::describe).toList();
    }

    /**
     * Calls a tool by name outside MCP (the REST interface), through the same handler, cancellation, timeout
     * and error handling as {@code tools/call}: failures are {@code isError} results, never exceptions.
     *
     * @param origin who calls (it owns what the call opens, see {@link io.dynamicmcp.spi.ToolCall#callerId()}) and
     *     a scope and request id unique among running calls, so that shutdown and {@link InFlightCalls#cancel} reach it
     * @return the result, or empty if no tool has this name
     */
    public Optional<McpSchema.CallToolResult> callTool(String toolName, Map<String, Object> arguments,
            CallOrigin origin) {
        requireNonNull(origin, "origin is null");
        return runners.stream()
                .filter(runner -> runner.tool().name().equals(toolName))
                .findFirst()
                .map(runner -> new ToolAdapter(runner).callDirect(origin, arguments));
    }

    private List<PromptAdapter> prompts() {
        return host.prompts().stream().map(PromptAdapter::new).toList();
    }

    private synchronized ResourceCatalog catalog() {
        if (catalog == null) {
            catalog = new ResourceCatalog(host.resourceSources().stream().map(ResourceAdapter::new).toList());
            if (!catalog.isEmpty()) {
                host.onResourcesChanged(catalog::refresh);
            }
            catalog.refresh();
        }
        return catalog;
    }

    private synchronized void checkPluginSchemas() {
        if (pluginSchemasChecked) {
            return;
        }
        CheckedSchemas checked = CheckedSchemas.load();
        host.pluginTools().forEach((tool, origin) -> {
            checkSchema(tool, "input", tool.inputSchema(), origin, checked);
            tool.outputSchema().ifPresent(schema -> checkSchema(tool, "output", schema, origin, checked));
        });
        checked.save();
        pluginSchemasChecked = true;
    }

    private void checkSchema(Tool tool, String which, Map<String, Object> schema, String origin, CheckedSchemas checked) {
        String key = CheckedSchemas.key(jsonMapper, schema);
        if (checked.known(key)) {
            return;
        }
        JsonSchemaValidator.ValidationResponse response = schemaValidator.validateSchema(schema);
        if (!response.valid()) {
            throw new StartupException("the tool '" + tool.name() + "' of " + origin + " has an invalid " + which
                    + " schema (" + response.errorMessage() + "); fix the plugin or remove it");
        }
        checked.remember(key);
    }

    /** Threads for 2026-07-28 tool calls: up to 256 at once, more wait; idle ones go after a minute. */
    private static ExecutorService callThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(256, 256, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "mcp-call-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }

    private static String instructions() {
        return "Kernel crash-dump analysis with the crash utility and live kernel tracing with bpftrace. "
                + "After a crash, start with crash_triage (one call: panic, task, backtrace, taint, modules, log, "
                + "memory), then crash_command in its session; list_crash_dumps lists the dumps; "
                + "get_crash_info and get_bpftrace_info tell what this host can do.";
    }

    /** Ends listen streams, cancels in-flight calls and stops the timer; the host is closed by its owner. */
    @Override
    public void close() {
        ModernRequests built;
        synchronized (this) {
            built = modern;
        }
        if (built != null) {
            built.closeGracefully();
        }
        inFlight.cancelAll();
        timer.shutdownNow();
        calls.shutdown();
    }
}
