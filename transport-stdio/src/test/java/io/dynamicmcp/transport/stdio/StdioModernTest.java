package io.dynamicmcp.transport.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.core.config.LayeredSettings;
import io.dynamicmcp.core.host.DiscoveredProvider;
import io.dynamicmcp.core.host.HostContexts;
import io.dynamicmcp.core.host.ToolHost;
import io.dynamicmcp.core.mcp.McpServerAssembler;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP 2026-07-28 over stdio, with the initialize-era revisions in the same process: discovery, listing with cache
 * hints, calls, version negotiation, list changes on {@code subscriptions/listen}, cancellation, and the process as
 * the one caller that owns what it opened.
 */
class StdioModernTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "2026-07-28";

    @TempDir
    Path state;

    private final TestTools tools = new TestTools();
    private final NotesProvider notes = new NotesProvider();
    private ToolHost host;
    private McpServerAssembler assembler;
    private PipedOutputStream client;
    private Thread serving;
    private LineCapture out;
    private int ids;

    private void start() throws Exception {
        host = ToolHost.open(List.of(new DiscoveredProvider(tools, "test"), new DiscoveredProvider(notes, "test")),
                new HostContexts(LayeredSettings.of(List.of()), state, event -> { }));
        assembler = new McpServerAssembler(host, "test");
        client = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(client, 1 << 16);
        out = new LineCapture();
        StdioServer server = new StdioServer(serverIn, out, Duration.ofSeconds(30));
        serving = new Thread(() -> {
            try {
                server.serve(assembler);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        serving.start();
    }

    /** Ends the input and waits for the server to stop, as a client that exits does. */
    private void endInput() throws Exception {
        client.close();
        serving.join(30_000);
        assertFalse(serving.isAlive(), "the server did not stop when its input ended");
    }

    @AfterEach
    void stop() throws Exception {
        if (serving != null && serving.isAlive()) {
            endInput();
        }
        if (assembler != null) {
            assembler.close();
            host.close();
        }
    }

    private static Map<String, Object> meta(String version) {
        return Map.of("io.modelcontextprotocol/protocolVersion", version,
                "io.modelcontextprotocol/clientCapabilities", Map.of(),
                "io.modelcontextprotocol/clientInfo", Map.of("name", "test", "version", "1"));
    }

    /** Sends a 2026-07-28 request (its version and capabilities in {@code _meta}) and returns its id. */
    private String sendModern(String method, Map<String, Object> params) throws IOException {
        return sendModern(method, params, meta(VERSION));
    }

    private String sendModern(String method, Map<String, Object> params, Map<String, Object> meta) throws IOException {
        Map<String, Object> withMeta = new LinkedHashMap<>(params);
        withMeta.put("_meta", meta);
        return send(method, withMeta);
    }

    private String send(String method, Map<String, Object> params) throws IOException {
        String id = "r" + ++ids;
        sendLine(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params)));
        return id;
    }

    private void sendLine(String line) throws IOException {
        client.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        client.flush();
    }

    private JsonNode modern(String method, Map<String, Object> params) throws Exception {
        return out.awaitId(sendModern(method, params));
    }

    private static List<String> uris(JsonNode listed) {
        List<String> uris = new ArrayList<>();
        listed.at("/result/resources").forEach(r -> uris.add(r.get("uri").asText()));
        return uris;
    }

    @Test
    void aClientDiscoversListsAndCallsWithoutInitialize() throws Exception {
        start();
        JsonNode discover = modern("server/discover", Map.of());
        assertEquals(List.of(VERSION), JSON.convertValue(discover.at("/result/supportedVersions"), List.class));
        assertTrue(discover.at("/result/capabilities/tools").isObject(), discover.toString());
        assertTrue(discover.at("/result/capabilities/resources/listChanged").asBoolean(), discover.toString());
        assertEquals("dynamic-mcp", discover.at("/result/_meta/io.modelcontextprotocol~1serverInfo/name").asText());

        JsonNode listed = modern("tools/list", Map.of());
        assertEquals(4, listed.at("/result/tools").size(), listed.toString());
        assertEquals(3_600_000, listed.at("/result/ttlMs").asLong(), listed.toString());
        assertEquals("public", listed.at("/result/cacheScope").asText());
        JsonNode resources = modern("resources/list", Map.of());
        assertEquals(0, resources.at("/result/ttlMs").asLong(), resources.toString());
        assertEquals("private", resources.at("/result/cacheScope").asText());

        JsonNode called = modern("tools/call", Map.of("name", "echo", "arguments", Map.of("text", "hi")));
        assertEquals("hi", called.at("/result/structuredContent/echo").asText(), called.toString());
        assertEquals("complete", called.at("/result/resultType").asText());
        assertFalse(called.at("/result/isError").asBoolean());
        JsonNode failed = modern("tools/call", Map.of("name", "boom", "arguments", Map.of()));
        assertTrue(failed.at("/result/isError").asBoolean(), failed.toString());
        assertTrue(failed.at("/result/content/0/text").asText().contains("kaboom"), failed.toString());
    }

    @Test
    void bothEraAreServedByTheSameProcessChosenByEachRequest() throws Exception {
        start();
        JsonNode init = out.awaitId(send("initialize", Map.of("protocolVersion", "2025-11-25", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "old", "version", "1"))));
        assertEquals("2025-11-25", init.at("/result/protocolVersion").asText(), init.toString());
        sendLine("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        JsonNode legacyList = out.awaitId(send("tools/list", Map.of()));
        assertEquals(4, legacyList.at("/result/tools").size(), legacyList.toString());
        assertTrue(legacyList.at("/result/ttlMs").isMissingNode(), "an initialize-era answer has no 2026 fields");

        JsonNode modernList = modern("tools/list", Map.of());
        assertEquals(4, modernList.at("/result/tools").size(), modernList.toString());

        String unknown = sendModern("tools/list", Map.of(), meta("1999-01-01"));
        JsonNode refused = out.awaitId(unknown);
        assertEquals(unknown, refused.get("id").asText());
        assertEquals(-32022, refused.at("/error/code").asInt(), refused.toString());
        assertEquals("1999-01-01", refused.at("/error/data/requested").asText());
        assertEquals(List.of(VERSION), JSON.convertValue(refused.at("/error/data/supported"), List.class));

        JsonNode noMeta = out.awaitId(send("server/discover", Map.of()));
        assertEquals(-32602, noMeta.at("/error/code").asInt(), noMeta.toString());
    }

    @Test
    void listChangesReachTheListenStreamOfTheirOwnerOnly() throws Exception {
        start();
        String listen = sendModern("subscriptions/listen", Map.of("notifications", Map.of("resourcesListChanged", true)));
        JsonNode ack = out.awaitNotification("notifications/subscriptions/acknowledged");
        assertTrue(ack.at("/params/notifications/resourcesListChanged").asBoolean(), ack.toString());

        notes.put("b", "beta", null);
        JsonNode changed = out.awaitNotification("notifications/resources/list_changed");
        assertEquals(listen, changed.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asText(), changed.toString());
        notes.put("mine", "my session", StdioServerTransport.CALLER_ID);
        JsonNode mine = out.awaitNotification("notifications/resources/list_changed");
        assertFalse(mine.toString().contains("audience"), "the routing key reached the client: " + mine);
        notes.put("theirs", "another caller's session", "token:someone-else");
        notes.put("c", "gamma", null);
        out.awaitNotification("notifications/resources/list_changed");

        assertEquals(List.of("note://a", "note://b", "note://c", "note://mine"), uris(modern("resources/list", Map.of())));
        JsonNode foreign = modern("resources/read", Map.of("uri", "note://theirs"));
        JsonNode missing = modern("resources/read", Map.of("uri", "note://nothing"));
        assertEquals(-32602, foreign.at("/error/code").asInt(), foreign.toString());
        assertEquals("note://theirs", foreign.at("/error/data/uri").asText());
        assertEquals(missing.at("/error/message").asText().replace("nothing", "theirs"),
                foreign.at("/error/message").asText(), "a foreign note must read as a missing one");
        assertEquals("my session", modern("resources/read", Map.of("uri", "note://mine")).at("/result/contents/0/text")
                .asText());

        endInput();
        assertTrue(out.lines.stream().anyMatch(line -> line.contains("\"id\":\"" + listen + "\"")
                && line.contains("\"result\"")), "the listen stream did not end with its result: " + out.lines);
        long changes = out.lines.stream().filter(line -> line.contains("notifications/resources/list_changed")).count();
        assertEquals(3, changes, "the change of another caller's note reached this caller, or a notification of"
                + " the initialize era reached a client that never initialized: " + out.lines);
    }

    @Test
    void theInitializeEraListIncludesTheProcessesOwnResourcesOnly() throws Exception {
        start();
        out.awaitId(send("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "old", "version", "1"))));
        sendLine("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        notes.put("mine", "my session", StdioServerTransport.CALLER_ID);
        out.awaitNotification("notifications/resources/list_changed");
        notes.put("theirs", "another caller's session", "token:someone-else");
        notes.put("c", "gamma", null);
        out.awaitNotification("notifications/resources/list_changed");
        List<String> listed = uris(out.awaitId(send("resources/list", Map.of())));
        assertTrue(listed.contains("note://mine") && listed.contains("note://c"), listed.toString());
        assertFalse(listed.contains("note://theirs"), listed.toString());
    }

    @Test
    void cancellingACallStopsItAndNothingMoreIsSentForIt() throws Exception {
        start();
        Map<String, Object> meta = new LinkedHashMap<>(meta(VERSION));
        meta.put("progressToken", "p1");
        String call = sendModern("tools/call", Map.of("name", "slow", "arguments", Map.of()), meta);
        assertTrue(tools.slowStarted.await(30, TimeUnit.SECONDS), "slow tool never started");
        JsonNode progress = out.awaitNotification("notifications/progress");
        assertEquals("p1", progress.at("/params/progressToken").asText());
        sendLine("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"" + call + "\"}}");
        assertEquals("cancelled: CLIENT_CANCELLED", tools.slowEnded.poll(30, TimeUnit.SECONDS));
        JsonNode after = modern("tools/call", Map.of("name", "echo", "arguments", Map.of("text", "after")));
        assertEquals("after", after.at("/result/structuredContent/echo").asText());
        endInput();
        assertFalse(out.lines.stream().anyMatch(line -> line.contains("\"id\":\"" + call + "\"")),
                "an answer to the cancelled call was sent: " + out.lines);
    }
}
