package io.dynamicmcp.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.JsonRpc;
import io.dynamicmcp.testkit.StdioMcpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resources through the real stdio server: the real test dump's metadata and kernel log, a crash session's
 * transcript, and {@code notifications/resources/list_changed} when a dump appears or goes.
 */
class ResourcesIT {

    private static final String LIST_CHANGED = "notifications/resources/list_changed";
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static Path testCache() {
        Path cache = Path.of(System.getenv().getOrDefault("DYNAMIC_MCP_TEST_CACHE",
                System.getProperty("user.home") + "/.cache/dynamic-mcp-test"));
        Assumptions.assumeTrue(Files.exists(cache.resolve("READY")),
                "the real test dump is missing at " + cache + ": run scripts/make-test-dump (needs root, QEMU, crash)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/crash")), "crash is not installed: apt-get install crash");
        return cache;
    }

    private static List<String> uris(JsonNode listed) {
        assertFalse(listed.has("error"), listed.toString());
        List<String> uris = new ArrayList<>();
        listed.at("/result/resources").forEach(r -> uris.add(r.get("uri").asText()));
        return uris;
    }

    private static String text(JsonNode read) {
        assertFalse(read.has("error"), read.toString());
        return read.at("/result/contents/0/text").asText();
    }

    private static JsonNode read(StdioMcpClient server, String uri) throws Exception {
        return server.request("resources/read", Map.of("uri", uri));
    }

    @Test
    void theRealDumpItsKernelLogAndASessionTranscriptAreResources() throws Exception {
        Path cache = testCache();
        try (StdioMcpClient server = Launcher.start(dir, Map.of(
                "CRASH_DUMP_PATH", cache.resolve("crash").toString(),
                "DEBUG_SYMBOL_PATH", cache.resolve("debug/usr/lib/debug").toString(),
                "KERNEL_PATH", cache.resolve("boot").toString()))) {
            JsonNode init = server.initialize();
            assertTrue(init.at("/result/capabilities/resources/listChanged").asBoolean(), init.toString());

            List<String> uris = uris(server.request("resources/list", Map.of()));
            JsonNode dumps = server.callTool("list_crash_dumps", Map.of()).at("/result/structuredContent/dumps");
            assertEquals(2, dumps.size(), dumps.toString());
            String rhel = null;
            for (JsonNode dump : dumps) {
                String name = dump.get("name").asText();
                assertTrue(uris.contains("crash-dump:///" + name), name + " is not listed: " + uris);
                assertTrue(uris.contains("crash-dump:///" + name + "/dmesg"), name + " has no kernel log listed: " + uris);
                if (name.endsWith("/vmcore")) {
                    rhel = name;
                }
            }
            List<String> templates = new ArrayList<>();
            server.request("resources/templates/list", Map.of()).at("/result/resourceTemplates")
                    .forEach(t -> templates.add(t.get("uriTemplate").asText()));
            assertTrue(templates.containsAll(List.of("crash-dump:///{+name}", "crash-dump:///{+name}/dmesg",
                    "crash-session://{id}/transcript", "bpftrace-run://{id}/output")), templates.toString());

            JsonNode metadata = JsonRpc.JSON.readTree(text(read(server, "crash-dump:///" + rhel)));
            assertEquals(rhel, metadata.get("name").asText());
            assertEquals(Files.readString(cache.resolve("RELEASE")).trim(), metadata.get("kernel_release").asText());
            assertTrue(metadata.get("debug_symbols_found").asBoolean(), metadata.toString());
            assertEquals("crash-dump:///" + rhel + "/dmesg", metadata.get("dmesg_uri").asText());
            String dmesg = text(read(server, "crash-dump:///" + rhel + "/dmesg"));
            assertTrue(dmesg.contains("dynamic-mcp test dump: about to panic"), dmesg);
            assertTrue(dmesg.contains("Kernel panic - not syncing: sysrq triggered crash"), dmesg);

            JsonNode outside = read(server, "crash-dump:///..%2F..%2F..%2Fetc%2Fpasswd");
            assertEquals(-32002, outside.at("/error/code").asInt(), outside.toString());
            assertTrue(outside.at("/error/message").asText().contains("outside the dump folder"), outside.toString());

            JsonNode session = server.callTool("start_crash_session", Map.of("dump_name", rhel));
            String id = session.at("/result/structuredContent/session_id").asText();
            assertFalse(id.isBlank(), session.toString());
            server.awaitNotification(LIST_CHANGED, HANG_GUARD);
            String transcriptUri = "crash-session://" + id + "/transcript";
            assertTrue(uris(server.request("resources/list", Map.of())).contains(transcriptUri));
            JsonNode bt = server.callTool("crash_command", Map.of("command", "bt"));
            assertFalse(bt.at("/result/isError").asBoolean(), bt.toString());
            String transcript = text(read(server, transcriptUri));
            assertTrue(transcript.contains("\ncrash> bt    ["), transcript);
            assertTrue(transcript.contains(" panic at "), transcript); // crash 8.0.6 may stop there on some boots

            server.callTool("close_crash_session", Map.of());
            server.awaitNotification(LIST_CHANGED, HANG_GUARD);
            assertFalse(uris(server.request("resources/list", Map.of())).contains(transcriptUri));
            server.closeInput();
            assertEquals(0, server.awaitExit(), server.stderr());
            for (String line : server.stdoutLines()) {
                assertTrue(line.startsWith("{"), "stdout carried something other than JSON-RPC: " + line);
            }
        }
    }

    @Test
    void aDumpThatAppearsOrGoesIsAnnounced() throws Exception {
        Path dumps = Files.createDirectories(dir.resolve("dumps"));
        try (StdioMcpClient server = Launcher.start(dir, Map.of("CRASH_DUMP_PATH", dumps.toString()))) {
            server.initialize();
            assertEquals(List.of(), uris(server.request("resources/list", Map.of())));

            Path kdump = Files.createDirectories(dumps.resolve("127.0.0.1-2026-11-22-09:00:00"));
            Files.write(kdump.resolve("vmcore"), "KDUMP   \0\0\0\0OSRELEASE=6.1.0-fake\n".getBytes(StandardCharsets.ISO_8859_1));
            Files.writeString(kdump.resolve("vmcore-dmesg.txt"), "[1.0] Kernel panic - not syncing: appeared\n");
            List<String> wanted = List.of("crash-dump:///127.0.0.1-2026-11-22-09:00:00/vmcore",
                    "crash-dump:///127.0.0.1-2026-11-22-09:00:00/vmcore/dmesg");
            List<String> listed;
            do {
                server.awaitNotification(LIST_CHANGED, HANG_GUARD);
                listed = uris(server.request("resources/list", Map.of()));
            } while (!listed.containsAll(wanted));
            assertEquals("[1.0] Kernel panic - not syncing: appeared\n", text(read(server, wanted.get(1))));

            Files.delete(kdump.resolve("vmcore-dmesg.txt"));
            Files.delete(kdump.resolve("vmcore"));
            do {
                server.awaitNotification(LIST_CHANGED, HANG_GUARD);
                listed = uris(server.request("resources/list", Map.of()));
            } while (!listed.isEmpty());
            JsonNode gone = read(server, wanted.get(0));
            assertEquals(-32002, gone.at("/error/code").asInt(), gone.toString());
        }
    }
}
