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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in backends are drop-in plugins: lib/ holds the host only, each backend lives in plugins/ID with its own
 * libraries, removing a folder removes exactly its tools and putting it back restores them.
 */
class PluginFoldersIT {

    private static final Set<String> BPFTRACE_TOOLS = Set.of("execute_bpftrace_script", "get_bpftrace_info",
            "validate_bpftrace_script", "list_bpftrace_probes", "start_bpftrace", "get_bpftrace_output", "stop_bpftrace");

    @TempDir
    Path dir;

    @Test
    void libHoldsTheHostOnlyAndEachBackendHasItsFolder() throws Exception {
        Path dist = Launcher.distribution();
        try (var lib = Files.list(dist.resolve("lib"))) {
            List<String> backends = lib.map(p -> p.getFileName().toString()).filter(n -> n.contains("backend")).toList();
            assertEquals(List.of(), backends, "backend jars in lib/");
        }
        for (String id : List.of("crash", "bpftrace")) {
            Path folder = dist.resolve("plugins").resolve(id);
            try (var jars = Files.list(folder)) {
                List<String> names = jars.map(p -> p.getFileName().toString()).toList();
                assertTrue(names.stream().anyMatch(n -> n.startsWith("dynamic-mcp-backend-" + id)), names.toString());
                assertTrue(names.stream().anyMatch(n -> n.startsWith("jackson-databind")), "its own libraries: " + names);
                assertFalse(names.stream().anyMatch(n -> n.startsWith("dynamic-mcp-spi") || n.startsWith("dynamic-mcp-core")
                        || n.startsWith("slf4j")), "the host's jars in a plugin: " + names);
            }
        }
    }

    @Test
    void removingAPluginFolderRemovesItsToolsAndPuttingItBackRestoresThem() throws Exception {
        Path copy = ExamplePluginIT.copyOfDistribution(dir);
        Set<String> all = toolsOf(copy);
        assertTrue(all.containsAll(BPFTRACE_TOOLS) && all.contains("crash_command") && all.contains("server_info"), all.toString());

        Path away = dir.resolve("bpftrace-away");
        Files.move(copy.resolve("plugins/bpftrace"), away);
        Set<String> withoutBpftrace = toolsOf(copy);
        Set<String> expected = new TreeSet<>(all);
        expected.removeAll(BPFTRACE_TOOLS);
        assertEquals(expected, withoutBpftrace, "removing plugins/bpftrace removes its tools and nothing else");

        Files.move(away, copy.resolve("plugins/bpftrace"));
        assertEquals(all, toolsOf(copy), "putting it back restores them");
    }

    @Test
    void serverInfoNamesEachProviderItsVersionAndItsFolder() throws Exception {
        try (StdioMcpClient server = Launcher.start(dir, Map.of())) {
            JsonNode initialized = server.initialize();
            JsonNode info = server.callTool("server_info", Map.of()).at("/result/structuredContent");
            List<String> ids = new ArrayList<>();
            for (JsonNode provider : info.get("providers")) {
                ids.add(provider.get("id").asText());
                if (provider.get("id").asText().equals("crash")) {
                    assertTrue(provider.get("origin").asText().endsWith("plugins/crash"), provider.toString());
                    assertFalse(provider.get("version").asText().equals("unknown"), provider.toString());
                    assertTrue(provider.get("available").asBoolean(), provider.toString());
                }
            }
            assertTrue(ids.containsAll(List.of("server", "crash", "bpftrace")), ids.toString());
            assertEquals(info.get("server_version").asText(), initialized.at("/result/serverInfo/version").asText());
        }
    }

    private Set<String> toolsOf(Path distribution) throws Exception {
        try (StdioMcpClient server = Launcher.start(distribution, dir, Map.of())) {
            server.initialize();
            Set<String> names = new TreeSet<>();
            server.request("tools/list", Map.of()).at("/result/tools").forEach(t -> names.add(t.get("name").asText()));
            server.closeInput();
            assertEquals(0, server.awaitExit(), server.stderr());
            return names;
        }
    }
}
