package io.dynamicmcp.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.HttpMcpClient;
import io.dynamicmcp.testkit.JsonRpc;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resources over Streamable HTTP and legacy SSE: listed, read as the session, and list_changed sent to clients. */
class HttpResourcesTest {

    private static final String LIST_CHANGED = "notifications/resources/list_changed";

    @TempDir
    Path state;

    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        // keep-alive pings: the first one on a GET stream shows that the session listens on it
        server = new RunningServer(state, Map.of("HTTP_KEEP_ALIVE_INTERVAL", "1"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** The {@code data:} lines of an SSE stream, read on their own thread until the stream closes. */
    private static BlockingQueue<String> dataLines(HttpResponse<Stream<String>> stream) {
        BlockingQueue<String> data = new LinkedBlockingQueue<>();
        Iterator<String> lines = stream.body().iterator();
        Thread reader = new Thread(() -> {
            try {
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.startsWith("data:")) {
                        data.add(line.substring(5).trim());
                    }
                }
            } catch (RuntimeException closed) {
                // the stream was closed by the test
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return data;
    }

    /** Waits (60 s at most, against hanging) for a data line holding {@code text}. */
    private static String await(BlockingQueue<String> data, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = data.poll(1, TimeUnit.SECONDS);
            if (line != null && line.contains(text)) {
                return line;
            }
            if (line != null) {
                seen.add(line);
            }
        }
        throw new AssertionError("no '" + text + "' on the stream; saw " + seen);
    }

    private static List<String> uris(JsonNode listed) {
        List<String> uris = new ArrayList<>();
        listed.at("/result/resources").forEach(r -> uris.add(r.get("uri").asText()));
        return uris;
    }

    @Test
    void streamableClientsListReadAndHearOfChanges() throws Exception {
        HttpMcpClient client = server.client();
        JsonNode init = client.initialize();
        assertTrue(init.at("/result/capabilities/resources/listChanged").asBoolean(), init.toString());
        assertEquals(List.of("note://a"), uris(client.request("resources/list", "{}")));
        JsonNode read = client.request("resources/read", "{\"uri\":\"note://a\"}");
        assertEquals("alpha", read.at("/result/contents/0/text").asText(), read.toString());
        assertEquals(Identities.ofSession(client.sessionId()), server.tools.noteReaders.take(), "the reader is told the MCP session");

        HttpResponse<Stream<String>> stream = client.http().send(client.builder("/mcp")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        BlockingQueue<String> data = dataLines(stream);
        // SDK 2.2.0 sends the stream's headers before it makes the stream the session's listening one: a change in
        // between is told to no stream ("Stream unavailable"); a ping on the stream says it is the listening one
        await(data, "\"method\":\"ping\"");
        server.tools.notes.put("b", "beta");
        server.tools.notesChanged();
        await(data, LIST_CHANGED);
        assertEquals(List.of("note://a", "note://b"), uris(client.request("resources/list", "{}")).stream().sorted().toList());
        client.delete();
        stream.body().close();
    }

    @Test
    void legacySseClientsHearOfChanges() throws Exception {
        HttpMcpClient client = server.client();
        HttpResponse<Stream<String>> stream = client.http().send(
                client.builder("/sse").header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        BlockingQueue<String> data = dataLines(stream);
        String endpoint = data.take();
        client.post(endpoint, JsonRpc.request(1, "initialize", """
                {"protocolVersion": "2024-11-05", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}"""));
        assertTrue(await(data, "serverInfo").contains("\"listChanged\":true"));
        client.post(endpoint, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        server.tools.notes.remove("a");
        server.tools.notesChanged();
        await(data, LIST_CHANGED);
        client.post(endpoint, JsonRpc.request(2, "resources/list", "{}"));
        assertEquals("[]", JsonRpc.JSON.readTree(await(data, "\"id\":2")).at("/result/resources").toString());
        stream.body().close();
    }
}
