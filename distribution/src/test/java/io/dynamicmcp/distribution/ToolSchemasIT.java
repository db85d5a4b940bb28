package io.dynamicmcp.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.StdioMcpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tool the real server lists is first class: a title, a description that says when to use it, an input
 * schema whose properties are all described and whose counts and timeouts are bounded, an object output schema
 * and all four behaviour hints.
 */
class ToolSchemasIT {

    private static final int SHORTEST_DESCRIPTION = 80;
    private static final int LONGEST_DESCRIPTION = 1600;
    private static final Pattern SAYS_WHEN = Pattern.compile("(?i)\\b(use it|use this|use |call |before |after |first |"
            + "when |instead|not for)");
    private static final Pattern BOUNDED_INTEGER = Pattern.compile(
            "(?i).*(timeout|seconds|limit|max|count|head|tail|offset|lines|size|bytes|duration|interval|depth|top).*");
    private static final List<String> HINTS = List.of("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint");

    @TempDir
    Path dir;

    @Test
    void everyToolIsFirstClass() throws Exception {
        assertTrue(walk(Launcher.distribution()).containsAll(List.of("crash_triage", "crash_command",
                "execute_bpftrace_script")));
    }

    @Test
    void theExamplePluginsToolsAreFirstClassToo() throws Exception {
        Path dist = ExamplePluginIT.copyOfDistribution(dir);
        Files.copy(ExamplePluginIT.pluginJar(), dist.resolve("plugins/kernel-info-plugin.jar"));
        List<String> names = walk(dist);
        assertTrue(names.contains("kernel_info"), "the plugin's tool is not listed: " + names);
    }

    /** Checks every tool the server in {@code distribution} lists; returns their names. */
    private List<String> walk(Path distribution) throws Exception {
        try (StdioMcpClient server = Launcher.start(distribution, dir, Map.of())) {
            server.initialize();
            JsonNode tools = server.request("tools/list", Map.of()).at("/result/tools");
            assertTrue(tools.size() >= 10, "too few tools listed: " + tools);
            List<String> faults = new ArrayList<>();
            for (JsonNode tool : tools) {
                check(tool, faults);
            }
            assertTrue(faults.isEmpty(), faults.size() + " faults:\n" + String.join("\n", faults));
            List<String> names = new ArrayList<>();
            tools.forEach(t -> names.add(t.path("name").asText()));
            return names;
        }
    }

    private static void check(JsonNode tool, List<String> faults) {
        String name = tool.path("name").asText();
        if (tool.path("title").asText().isBlank()) {
            faults.add(name + ": no title");
        }
        String description = tool.path("description").asText();
        if (description.length() < SHORTEST_DESCRIPTION || description.length() > LONGEST_DESCRIPTION) {
            faults.add(name + ": description of " + description.length() + " characters (want " + SHORTEST_DESCRIPTION
                    + " to " + LONGEST_DESCRIPTION + ")");
        }
        if (!SAYS_WHEN.matcher(description).find()) {
            faults.add(name + ": description does not say when to use it: " + description);
        }
        JsonNode input = tool.path("inputSchema");
        if (!"object".equals(input.path("type").asText())) {
            faults.add(name + ": input schema is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = input.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String where = name + "." + property.getKey();
            JsonNode schema = property.getValue();
            if (schema.path("description").asText().isBlank()) {
                faults.add(where + ": no description");
            }
            if (isType(schema, "integer") && BOUNDED_INTEGER.matcher(property.getKey()).matches()
                    && (!schema.has("minimum") || !schema.has("maximum"))) {
                faults.add(where + ": a count or timeout without minimum and maximum");
            }
        }
        if (!"object".equals(tool.path("outputSchema").path("type").asText())) {
            faults.add(name + ": no output schema of type object");
        }
        JsonNode annotations = tool.path("annotations");
        for (String hint : HINTS) {
            if (!annotations.path(hint).isBoolean()) {
                faults.add(name + ": annotation " + hint + " missing");
            }
        }
    }

    private static boolean isType(JsonNode schema, String type) {
        JsonNode declared = schema.path("type");
        if (declared.isArray()) {
            for (JsonNode t : declared) {
                if (type.equals(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return type.equals(declared.asText());
    }
}
