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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resources over the stdio server: capability, list, templates, read, errors, and list_changed on a change. */
class StdioResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    private final NotesProvider notes = new NotesProvider();
    private ToolHost host;
    private McpServerAssembler assembler;
    private PipedOutputStream client;
    private Thread serving;
    private int ids;

    private LineCapture start() throws Exception {
        host = ToolHost.open(List.of(new DiscoveredProvider(notes, "test")),
                new HostContexts(LayeredSettings.of(List.of()), state, event -> { }));
        assembler = new McpServerAssembler(host, "test");
        client = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(client, 1 << 16);
        LineCapture out = new LineCapture();
        StdioServer server = new StdioServer(serverIn, out, Duration.ofSeconds(30));
        serving = new Thread(() -> {
            try {
                server.serve(assembler);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        serving.start();
        return out;
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
            serving.join(30_000);
            assertFalse(serving.isAlive(), "the server did not stop when its input ended");
        }
        if (assembler != null) {
            assembler.close();
            host.close();
        }
    }

    private JsonNode request(LineCapture out, String method, Map<String, Object> params) throws Exception {
        String id = "r" + ++ids;
        send(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params)) + "\n");
        return out.awaitId(id);
    }

    private void send(String text) throws IOException {
        client.write(text.getBytes(StandardCharsets.UTF_8));
        client.flush();
    }

    private static List<String> uris(JsonNode listed) {
        List<String> uris = new ArrayList<>();
        listed.at("/result/resources").forEach(r -> uris.add(r.get("uri").asText()));
        return uris;
    }

    @Test
    void resourcesAreListedReadAndTheirChangesAnnounced() throws Exception {
        LineCapture out = start();
        JsonNode init = request(out, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "test", "version", "1")));
        assertTrue(init.at("/result/capabilities/resources/listChanged").asBoolean(), init.toString());
        assertFalse(init.at("/result/capabilities/resources/subscribe").asBoolean(), init.toString());
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");

        JsonNode listed = request(out, "resources/list", Map.of());
        assertEquals(List.of("note://a"), uris(listed));
        JsonNode a = listed.at("/result/resources/0");
        assertEquals("a", a.get("name").asText());
        assertEquals("Note a", a.get("title").asText());
        assertEquals("text/plain", a.get("mimeType").asText());
        JsonNode templates = request(out, "resources/templates/list", Map.of());
        assertEquals("note://{name}", templates.at("/result/resourceTemplates/0/uriTemplate").asText(), templates.toString());

        JsonNode read = request(out, "resources/read", Map.of("uri", "note://a"));
        assertEquals("alpha", read.at("/result/contents/0/text").asText(), read.toString());
        assertEquals("text/plain", read.at("/result/contents/0/mimeType").asText());
        assertFalse(notes.callers.get(0).isBlank());

        JsonNode missing = request(out, "resources/read", Map.of("uri", "note://zz"));
        assertEquals(-32002, missing.at("/error/code").asInt(), missing.toString());
        assertEquals("no note at note://zz; resources/list shows the notes", missing.at("/error/message").asText());
        JsonNode foreign = request(out, "resources/read", Map.of("uri", "elsewhere://x"));
        assertTrue(foreign.has("error"), foreign.toString());

        notes.texts.put("b", "beta");
        notes.context.resourcesChanged();
        out.awaitNotification("notifications/resources/list_changed");
        assertEquals(List.of("note://a", "note://b"), uris(request(out, "resources/list", Map.of())).stream().sorted().toList());

        notes.texts.remove("a");
        notes.context.resourcesChanged();
        out.awaitNotification("notifications/resources/list_changed");
        assertEquals(List.of("note://b"), uris(request(out, "resources/list", Map.of())));
        JsonNode gone = request(out, "resources/read", Map.of("uri", "note://a"));
        assertEquals(-32002, gone.at("/error/code").asInt(), gone.toString());
        assertEquals("beta", request(out, "resources/read", Map.of("uri", "note://b")).at("/result/contents/0/text").asText());
    }
}
