package io.dynamicmcp.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.StdioMcpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash prompts through the real stdio server: listed, rendered, and dump names completed. */
class PromptsIT {

    @TempDir
    Path dir;

    private static Path testDumps() {
        Path cache = Path.of(System.getenv().getOrDefault("DYNAMIC_MCP_TEST_CACHE",
                System.getProperty("user.home") + "/.cache/dynamic-mcp-test"));
        Assumptions.assumeTrue(Files.exists(cache.resolve("READY")),
                "no test dump at " + cache + ": run scripts/make-test-dump (needed to complete dump names)");
        return cache.resolve("crash");
    }

    @Test
    void promptsAreListedRenderedAndTheirDumpNamesCompleted() throws Exception {
        Path dumps = testDumps();
        try (StdioMcpClient server = Launcher.start(dir, Map.of("CRASH_DUMP_PATH", dumps.toString()))) {
            JsonNode init = server.initialize();
            assertTrue(init.at("/result/capabilities/prompts").isObject(), init.toString());
            assertTrue(init.at("/result/capabilities/completions").isObject(), init.toString());

            JsonNode listed = server.request("prompts/list", Map.of()).at("/result/prompts");
            List<String> names = new ArrayList<>();
            listed.forEach(p -> names.add(p.get("name").asText()));
            assertTrue(names.containsAll(List.of("triage_kernel_panic", "investigate_hung_tasks", "trace_syscall_latency")),
                    names.toString());
            for (JsonNode prompt : listed) {
                assertFalse(prompt.path("title").asText().isBlank(), prompt.toString());
                assertFalse(prompt.path("description").asText().isBlank(), prompt.toString());
                for (JsonNode argument : prompt.path("arguments")) {
                    assertFalse(argument.path("description").asText().isBlank(), argument.toString());
                }
            }

            JsonNode got = server.request("prompts/get", Map.of("name", "triage_kernel_panic",
                    "arguments", Map.of("dump_name", "202611220410/dump.202611220410")));
            assertEquals("user", got.at("/result/messages/0/role").asText(), got.toString());
            String text = got.at("/result/messages/0/content/text").asText();
            assertTrue(text.contains("crash_triage with dump_name '202611220410/dump.202611220410'"), text);

            JsonNode unknown = server.request("prompts/get", Map.of("name", "no_such_prompt"));
            assertTrue(unknown.has("error"), unknown.toString());

            JsonNode completed = server.request("completion/complete", Map.of(
                    "ref", Map.of("type", "ref/prompt", "name", "triage_kernel_panic"),
                    "argument", Map.of("name", "dump_name", "value", "2026")));
            List<String> values = new ArrayList<>();
            completed.at("/result/completion/values").forEach(v -> values.add(v.asText()));
            assertEquals(List.of("202611220410/dump.202611220410"), values, completed.toString());

            JsonNode all = server.request("completion/complete", Map.of(
                    "ref", Map.of("type", "ref/prompt", "name", "investigate_hung_tasks"),
                    "argument", Map.of("name", "dump_name", "value", "")));
            assertEquals(2, all.at("/result/completion/values").size(), all.toString());
        }
    }
}
