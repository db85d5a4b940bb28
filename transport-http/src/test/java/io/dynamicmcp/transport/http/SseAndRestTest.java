package io.dynamicmcp.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.HttpMcpClient;
import io.dynamicmcp.testkit.JsonRpc;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SseAndRestTest {

    @TempDir
    Path state;

    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RunningServer(state, Map.of("HTTP_KEEP_ALIVE_INTERVAL", "1"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void legacySseHandshakeCallAndDisconnect() throws Exception {
        HttpMcpClient client = server.client();
        HttpResponse<Stream<String>> stream = client.http().send(
                client.builder("/sse").header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
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
        });
        reader.start();
        String endpoint = data.take();
        assertTrue(endpoint.startsWith("/messages?sessionId="), endpoint);

        assertEquals(200, client.post(endpoint, JsonRpc.request(1, "initialize", """
                {"protocolVersion": "2024-11-05", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}"""))
                .statusCode());
        JsonNode init = JsonRpc.JSON.readTree(data.take());
        assertEquals("dynamic-mcp", init.at("/result/serverInfo/name").asText());
        client.post(endpoint, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        client.post(endpoint, JsonRpc.request(2, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"over sse\"}}"));
        JsonNode call = JsonRpc.JSON.readTree(data.take());
        assertEquals("over sse", call.at("/result/content/0/text").asText());
        String caller = server.tools.echoCallers.take();

        stream.body().close();
        assertEquals(caller, server.tools.endedCallers.take(), "the session that called the tool ended with its stream");
        HttpResponse<String> after = client.post(endpoint, JsonRpc.request(3, "tools/list", "{}"));
        assertEquals(404, after.statusCode(), after.body());
        reader.join(TimeUnit.SECONDS.toMillis(30));
    }

    @Test
    void restListsAndCallsTools() throws Exception {
        HttpMcpClient client = server.client();
        HttpResponse<String> tools = client.get("/api/tools");
        assertEquals(200, tools.statusCode());
        JsonNode list = JsonRpc.JSON.readTree(tools.body()).get("tools");
        assertEquals("echo", list.get(0).get("name").asText());
        assertTrue(list.get(0).has("inputSchema"));

        HttpResponse<String> echo = client.post("/api/mcp", "{\"method\": \"echo\", \"params\": {\"text\": \"curl\"}}");
        assertEquals(200, echo.statusCode(), echo.body());
        JsonNode result = JsonRpc.JSON.readTree(echo.body());
        assertEquals("curl", result.at("/content/0/text").asText());
        assertFalse(result.path("isError").asBoolean());
        assertEquals(Identities.ANONYMOUS, server.tools.echoCallers.take(), "no token: REST clients are one caller");

        JsonNode missing = JsonRpc.JSON.readTree(client.post("/api/mcp", "{\"method\": \"echo\", \"params\": {}}").body());
        assertTrue(missing.path("isError").asBoolean());
        assertTrue(missing.at("/content/0/text").asText().contains("'text'"), missing.toString());

        HttpResponse<String> unknown = client.post("/api/mcp", "{\"method\": \"nope\"}");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("/api/tools"), unknown.body());
        assertEquals(400, client.post("/api/mcp", "{\"params\": {}}").statusCode());
    }

    @Test
    void healthNeedsNothing() throws Exception {
        HttpResponse<String> health = server.client().http().send(
                HttpRequest.newBuilder(server.base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());
    }
}
