package io.dynamicmcp.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.JsonRpc;
import io.dynamicmcp.testkit.PluginJarBuilder;
import io.dynamicmcp.testkit.StdioMcpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the built bin/dynamic-mcp as a real process, spoken to over stdio. */
class StdioLauncherIT {

    @TempDir
    Path dir;

    private static List<String> toolNames(JsonNode list) {
        return StreamSupport.stream(list.at("/result/tools").spliterator(), false).map(t -> t.get("name").asText()).toList();
    }

    private static void assertOnlyJsonRpcOnStdout(StdioMcpClient server) {
        for (String line : server.stdoutLines()) {
            JsonNode node;
            try {
                node = JsonRpc.JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("stdout carried a line that is not JSON: " + line);
            }
            assertEquals("2.0", node.path("jsonrpc").asText(), "stdout carried non-JSON-RPC: " + line);
        }
    }

    @Test
    void initializeListCallAndErrorsOverARealProcess() throws Exception {
        try (StdioMcpClient server = Launcher.start(dir, Map.of("LOG_LEVEL", "DEBUG"))) {
            JsonNode init = server.initialize();
            assertEquals("dynamic-mcp", init.at("/result/serverInfo/name").asText());
            List<String> tools = toolNames(server.request("tools/list", Map.of()));
            assertTrue(tools.containsAll(List.of("list_crash_dumps", "start_crash_session", "crash_command",
                    "get_crash_info", "close_crash_session", "execute_bpftrace_script", "get_bpftrace_info")), tools.toString());

            JsonNode unknown = server.request("no/such/method", Map.of());
            assertEquals(-32601, unknown.at("/error/code").asInt());

            server.send("{this is not json");
            JsonNode listed = server.callTool("list_crash_dumps", Map.of());
            assertFalse(listed.at("/result/isError").asBoolean(), listed.toString());
            JsonNode parseError = server.drainMessages().stream()
                    .filter(m -> m.path("error").path("code").asInt() == -32700).findFirst().orElseThrow(
                            () -> new AssertionError("no parse error answer; stderr:\n" + server.stderr()));
            assertTrue(parseError.get("id").isNull());

            server.closeInput();
            assertEquals(0, server.awaitExit(), server.stderr());
            assertOnlyJsonRpcOnStdout(server);
            assertTrue(server.stderr().contains("DEBUG"), "LOG_LEVEL=DEBUG should log to stderr");
        }
    }

    @Test
    void everyAnswerArrivesWhenStdinClosesRightAfterTheRequests() throws Exception {
        try (StdioMcpClient server = Launcher.start(dir, Map.of())) {
            StringBuilder burst = new StringBuilder();
            burst.append("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n");
            burst.append("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
            for (int id = 2; id <= 30; id++) {
                String method = id % 3 == 0 ? "tools/list" : "ping";
                burst.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id).append(",\"method\":\"").append(method).append("\"}\n");
            }
            burst.append("{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":\"tools/call\",\"params\":{\"name\":\"get_crash_info\",\"arguments\":{}}}\n");
            server.send(burst.toString().strip());
            server.closeInput();
            assertEquals(0, server.awaitExit(), server.stderr());
            List<Integer> ids = new ArrayList<>();
            server.drainMessages().forEach(m -> ids.add(m.path("id").asInt()));
            for (int id = 1; id <= 31; id++) {
                assertTrue(ids.contains(id), "answer " + id + " lost; got " + ids);
            }
            assertOnlyJsonRpcOnStdout(server);
            assertEquals(0, ProcessHandle.of(server.pid()).map(p -> p.descendants().count()).orElse(0L));
        }
    }

    @Test
    void aClientOfRevision20260728ListsAndCallsToolsWithoutInitialize() throws Exception {
        Map<String, Object> meta = Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28",
                "io.modelcontextprotocol/clientCapabilities", Map.of());
        try (StdioMcpClient server = Launcher.start(dir, Map.of())) {
            JsonNode discover = server.request("server/discover", Map.of("_meta", meta));
            assertEquals("2026-07-28", discover.at("/result/supportedVersions/0").asText(), discover.toString());
            JsonNode list = server.request("tools/list", Map.of("_meta", meta));
            assertTrue(toolNames(list).containsAll(List.of("list_crash_dumps", "crash_command", "get_bpftrace_info")),
                    list.toString());
            assertTrue(list.at("/result/ttlMs").asLong() > 0, "no cache hint on the list: " + list);
            JsonNode called = server.request("tools/call", Map.of("name", "list_crash_dumps", "arguments", Map.of(),
                    "_meta", meta));
            assertFalse(called.at("/result/isError").asBoolean(), called.toString());
            assertEquals("complete", called.at("/result/resultType").asText(), called.toString());
            server.closeInput();
            assertEquals(0, server.awaitExit(), server.stderr());
            assertOnlyJsonRpcOnStdout(server);
        }
    }

    @Test
    void aDroppedInPluginJarAddsItsTool() throws Exception {
        Path plugins = dir.resolve("more-plugins");
        PluginJarBuilder.echoPlugin("it-echo", "it_echo").build(plugins.resolve("it-echo.jar"));
        try (StdioMcpClient server = Launcher.start(dir, Map.of(), "--plugin-dir", plugins.toString())) {
            server.initialize();
            assertTrue(toolNames(server.request("tools/list", Map.of())).contains("it_echo"));
            JsonNode echoed = server.callTool("it_echo", Map.of("text", "from a plugin"));
            assertTrue(echoed.at("/result/content/0/text").asText().startsWith("echo: from a plugin (loader plugin:it-echo)"),
                    echoed.toString());
            server.closeInput();
            assertEquals(0, server.awaitExit());
        }
    }

    @Test
    void invalidConfigurationStopsStartUpWithOneClearLine() throws Exception {
        try (StdioMcpClient server = Launcher.start(dir, Map.of("CRASH_COMMAND_TIMEOUT", "abc"))) {
            assertEquals(2, server.awaitExit());
            assertEquals("dynamic-mcp: invalid CRASH_COMMAND_TIMEOUT=abc: expected a whole number of seconds",
                    server.stderr().strip());
            assertTrue(server.stdoutLines().isEmpty());
        }
        try (StdioMcpClient server = Launcher.start(dir, Map.of("LOG_LEVEL", "LOUD"))) {
            assertEquals(2, server.awaitExit());
            assertTrue(server.stderr().strip().startsWith("dynamic-mcp: invalid LOG_LEVEL=LOUD"), server.stderr());
        }
    }

    @Test
    void versionAndHelp() throws Exception {
        try (StdioMcpClient server = Launcher.start(dir, Map.of(), "--version")) {
            assertEquals(0, server.awaitExit());
            assertTrue(String.join("\n", server.stdoutLines()).startsWith("dynamic-mcp "), server.stdoutLines().toString());
        }
        try (StdioMcpClient server = Launcher.start(dir, Map.of(), "--help")) {
            assertEquals(0, server.awaitExit());
            String help = String.join("\n", server.stdoutLines());
            assertTrue(help.contains("--transport") && help.contains("--plugin-dir") && help.contains("--http"), help);
        }
    }

    /** JDK 24+ warned at every start that Guava used sun.misc.Unsafe; a class-data archive that does not fit warns too. */
    @Test
    void startsWithoutJvmWarningsOnEveryInstalledRuntime() throws Exception {
        for (Path home : runtimes()) {
            try (StdioMcpClient server = Launcher.start(dir, Map.of("JAVA_HOME", home.toString()))) {
                server.initialize();
                server.closeInput();
                assertEquals(0, server.awaitExit(), home + ": " + server.stderr());
                List<String> warnings = server.stderr().lines()
                        .filter(line -> line.startsWith("WARNING") || line.contains("][warning]")).toList();
                assertTrue(warnings.isEmpty(), home + " warns: " + warnings);
            }
        }
    }

    /** The runtime running the tests and every JDK 17+ under /usr/lib/jvm. */
    private static Set<Path> runtimes() throws IOException {
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(Path.of(System.getProperty("java.home")).toRealPath());
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> entries = Files.list(jvms)) {
                for (Path home : entries.sorted().toList()) {
                    Path release = home.resolve("release");
                    if (Files.isExecutable(home.resolve("bin/java")) && Files.isReadable(release)
                            && majorVersion(Files.readString(release)) >= 17) {
                        homes.add(home.toRealPath());
                    }
                }
            }
        }
        return homes;
    }

    private static int majorVersion(String release) {
        Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(release);
        return version.find() ? Integer.parseInt(version.group(1)) : 0;
    }
}
