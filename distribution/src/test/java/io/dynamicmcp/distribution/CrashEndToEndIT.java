package io.dynamicmcp.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.StdioMcpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash tools through the real server process on the real kernel panic dump (scripts/make-test-dump), and no
 * crash process left behind however the server ends.
 */
class CrashEndToEndIT {

    private static Path cache;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTheDump() {
        String configured = System.getenv("DYNAMIC_MCP_TEST_CACHE");
        cache = Path.of(configured != null && !configured.isBlank() ? configured
                : System.getProperty("user.home") + "/.cache/dynamic-mcp-test");
        Assumptions.assumeTrue(Files.exists(cache.resolve("READY")),
                "the real test dump is missing at " + cache + ": run scripts/make-test-dump (needs root, QEMU, crash)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/crash")), "crash is not installed: apt-get install crash");
    }

    private StdioMcpClient start() throws Exception {
        StdioMcpClient server = Launcher.start(dir, Map.of(
                "CRASH_DUMP_PATH", cache.resolve("crash").toString(),
                "DEBUG_SYMBOL_PATH", cache.resolve("debug/usr/lib/debug").toString(),
                "KERNEL_PATH", cache.resolve("boot").toString()));
        server.initialize();
        return server;
    }

    private static JsonNode ok(JsonNode answer) {
        assertFalse(answer.at("/result/isError").asBoolean(), answer.toString());
        return answer.at("/result/structuredContent");
    }

    private static List<ProcessHandle> crashes(StdioMcpClient server) {
        return ProcessHandle.of(server.pid()).map(p -> p.descendants()
                .filter(d -> d.info().command().map(c -> c.contains("crash")).orElse(false)).toList()).orElse(List.of());
    }

    private static void assertAllGone(List<ProcessHandle> processes) throws Exception {
        for (ProcessHandle process : processes) {
            process.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(process.isAlive(), "crash process " + process.pid() + " outlived the server");
        }
    }

    @Test
    void theFiveToolsWorkEndToEnd() throws Exception {
        try (StdioMcpClient server = start()) {
            JsonNode dumps = ok(server.callTool("list_crash_dumps", Map.of("max_dumps", 5)));
            assertEquals(2, dumps.get("dumps").size(), dumps.toString());

            JsonNode session = ok(server.callTool("start_crash_session", Map.of()));
            assertEquals("Kernel panic - not syncing: sysrq triggered crash", session.get("panic").asText());
            assertTrue(session.get("vmlinux").asText().endsWith("vmlinux-" + session.get("release").asText()));
            String id = session.get("session_id").asText();

            assertTrue(ok(server.callTool("crash_command", Map.of("command", "sys"))).get("output").asText()
                    .contains("sysrq triggered crash"));
            // " panic at ", not sysrq_handle_crash: crash 8.0.6's default unwinder stops at panic() on some boots
            assertTrue(ok(server.callTool("crash_command", Map.of("command", "bt", "session_id", id))).get("output").asText()
                    .contains(" panic at "));
            assertTrue(ok(server.callTool("crash_command", Map.of("command", "mod"))).get("output").asText().contains("loop"));
            assertTrue(ok(server.callTool("crash_command", Map.of("command", "log", "tail", 20))).get("output").asText()
                    .contains("Kernel panic - not syncing"));
            JsonNode refused = server.callTool("crash_command", Map.of("command", "!sh"));
            assertTrue(refused.at("/result/isError").asBoolean(), refused.toString());

            JsonNode info = ok(server.callTool("get_crash_info", Map.of()));
            assertEquals(1, info.get("sessions").size());
            assertEquals(id, info.at("/sessions/0/session_id").asText());
            assertTrue(info.at("/sessions/0/commands_run").asInt() >= 4);

            List<ProcessHandle> running = crashes(server);
            assertEquals(1, running.size(), "one crash process per session");
            ok(server.callTool("close_crash_session", Map.of()));
            assertAllGone(running);
            assertEquals(0, ok(server.callTool("get_crash_info", Map.of())).get("sessions").size());

            server.closeInput();
            assertEquals(0, server.awaitExit(), server.stderr());
            assertTrue(Files.readString(dir.resolve("state/audit.log")).contains("\"command\":\"!sh\""),
                    "the refused command is not in the audit log");
        }
    }

    @Test
    void noCrashSurvivesTheEndOfInput() throws Exception {
        try (StdioMcpClient server = start()) {
            ok(server.callTool("start_crash_session", Map.of()));
            List<ProcessHandle> running = crashes(server);
            assertEquals(1, running.size());
            server.closeInput();
            assertEquals(0, server.awaitExit(), server.stderr());
            assertAllGone(running);
        }
    }

    @Test
    void noCrashSurvivesSigterm() throws Exception {
        try (StdioMcpClient server = start()) {
            ok(server.callTool("start_crash_session", Map.of()));
            List<ProcessHandle> running = crashes(server);
            assertEquals(1, running.size());
            ProcessHandle.of(server.pid()).orElseThrow().destroy(); // SIGTERM
            server.awaitExit();
            assertAllGone(running);
        }
    }
}
