package io.dynamicmcp.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A provider opened in a real host for a test: its settings, a private state folder, an audit log kept in memory and
 * the host's real process service. Call its tools as the host would: a {@link ToolException} becomes an error result,
 * as MCP clients see it, and every successful result of a tool with an output schema must carry a structured result
 * that matches it (checked with the MCP SDK's own validator, as the host checks it before sending). Read its resources. Closing it closes the set and fails if any child process outlived it.
 *
 * <pre>{@code
 * try (HostedProvider crash = HostedProvider.open(new CrashToolProvider(), Map.of("CRASH_DUMP_PATH", dumps), state)) {
 *     Map<String, Object> info = crash.callOk("get_crash_info", Map.of());
 *     crash.callError("crash_command", Map.of("command", "!sh"), "refused");
 * }
 * }</pre>
 */
public final class HostedProvider implements AutoCloseable {

    private static final JsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator();

    private final TestContext context;
    private final ToolSet set;
    private boolean closed;

    private HostedProvider(TestContext context, ToolSet set) {
        this.context = context;
        this.set = set;
    }

    /**
     * Opens {@code provider} with {@code settings} (as the flags, environment and {@code .env} files would give them).
     *
     * @param state the provider's private state folder
     */
    public static HostedProvider open(ToolProvider provider, Map<String, String> settings, Path state) throws Exception {
        TestContext context = new TestContext(settings, state);
        try {
            return new HostedProvider(context, provider.open(context));
        } catch (Exception | Error e) {
            context.close();
            throw e;
        }
    }

    /** The context the provider was opened with: its audit events, resource-change signals, children. */
    public TestContext context() {
        return context;
    }

    /** The live set. */
    public ToolSet set() {
        return set;
    }

    /** The tool named {@code name}. */
    public Tool tool(String name) {
        return set.tools().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no tool '" + name + "' in " + set.tools().stream()
                        .map(Tool::name).toList()));
    }

    /** Calls a tool as the default test caller. */
    public ToolResult call(String tool, Map<String, Object> arguments) {
        return call(new TestToolCall(tool, new HashMap<>(arguments)));
    }

    /**
     * Calls a tool with a prepared call (another caller, a cancellation, progress recorded).
     *
     * @throws AssertionError if it succeeded without the structured result its output schema asks for
     */
    public ToolResult call(TestToolCall call) {
        Tool tool = tool(call.toolName());
        ToolResult result;
        try {
            result = tool.handler().call(call);
        } catch (ToolException e) {
            return ToolResult.error(e.getMessage());
        }
        if (!result.isError() && tool.outputSchema().isPresent()) {
            assertMatchesOutputSchema(tool, result.structured().orElseThrow(() -> new AssertionError(tool.name()
                    + " has an output schema but gave no structured result, which the host refuses: " + result.text())));
        }
        return result;
    }

    /** Calls a tool, asserts it succeeded and that its structured result matches its output schema; returns it. */
    public Map<String, Object> callOk(String tool, Map<String, Object> arguments) {
        return ok(tool(tool), call(tool, arguments));
    }

    /** {@link #callOk(String, Map)} as {@code caller}. */
    public Map<String, Object> callOk(String tool, Map<String, Object> arguments, String caller) {
        return callOk(new TestToolCall(tool, new HashMap<>(arguments), caller));
    }

    /** {@link #callOk(String, Map)} with a prepared call. */
    public Map<String, Object> callOk(TestToolCall call) {
        return ok(tool(call.toolName()), call(call));
    }

    /** Calls a tool and asserts it failed with a message containing {@code expected}; returns the message. */
    public String callError(String tool, Map<String, Object> arguments, String expected) {
        return callError(new TestToolCall(tool, new HashMap<>(arguments)), expected);
    }

    /** {@link #callError(String, Map, String)} as {@code caller}. */
    public String callError(String tool, Map<String, Object> arguments, String caller, String expected) {
        return callError(new TestToolCall(tool, new HashMap<>(arguments), caller), expected);
    }

    /** {@link #callError(String, Map, String)} with a prepared call. */
    public String callError(TestToolCall call, String expected) {
        ToolResult result = call(call);
        assertTrue(result.isError(), call.toolName() + " should have failed: " + result.text());
        assertTrue(result.text().contains(expected), "expected '" + expected + "' in: " + result.text());
        return result.text();
    }

    /** Reads a resource as {@code callerId}, through the source whose template matches it. */
    public String read(String uri, String callerId) {
        List<ResourceSource> sources = set.resources();
        for (ResourceSource source : sources) {
            if (matches(source.uriTemplate(), uri)) {
                return source.reader().read(uri, callerId);
            }
        }
        throw new NoSuchElementException("no resource source of " + sources.stream().map(ResourceSource::uriTemplate)
                .toList() + " matches " + uri);
    }

    /** Whether {@code uri} fits an RFC 6570 template of the forms the SPI uses: {@code {var}} and {@code {+var}}. */
    static boolean matches(String template, String uri) {
        StringBuilder regex = new StringBuilder();
        java.util.regex.Matcher variable = java.util.regex.Pattern.compile("\\{(\\+?)[^}]+}").matcher(template);
        int last = 0;
        while (variable.find()) {
            regex.append(java.util.regex.Pattern.quote(template.substring(last, variable.start())))
                    .append(variable.group(1).isEmpty() ? "[^/]+" : ".+");
            last = variable.end();
        }
        regex.append(java.util.regex.Pattern.quote(template.substring(last)));
        return uri.matches(regex.toString());
    }

    /** Asserts {@code structured} matches {@code tool}'s output schema, as the MCP SDK checks it before sending. */
    public static void assertMatchesOutputSchema(Tool tool, Map<String, Object> structured) {
        Map<String, Object> schema = tool.outputSchema().orElseThrow(
                () -> new AssertionError(tool.name() + " has no output schema"));
        JsonSchemaValidator.ValidationResponse response = VALIDATOR.validate(schema, structured);
        assertTrue(response.valid(), tool.name() + ": " + response.errorMessage());
    }

    private static Map<String, Object> ok(Tool tool, ToolResult result) {
        assertFalse(result.isError(), tool.name() + " failed: " + result.text());
        return result.structured().orElseThrow(
                () -> new AssertionError(tool.name() + " gave no structured result: " + result.text()));
    }

    /**
     * Closes the set (twice: the second must be harmless), then fails if a child it started is still running.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            set.close();
            set.close();
        } finally {
            context.close();
        }
    }
}
