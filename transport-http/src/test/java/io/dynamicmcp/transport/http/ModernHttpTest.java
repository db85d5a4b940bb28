package io.dynamicmcp.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.testkit.HttpMcpClient;
import io.dynamicmcp.testkit.JsonRpc;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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

/**
 * MCP 2026-07-28 at /mcp, beside the initialize-era sessions on the same endpoint: discovery, lists with cache hints,
 * calls, {@code subscriptions/listen}, the required headers, version negotiation, cancellation by closing the stream,
 * and error answers that carry the request's id.
 */
class ModernHttpTest {

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
    void aClientDiscoversListsAndCallsWithoutASession() throws Exception {
        HttpMcpClient client = server.client().header("Origin", "http://" + server.base.getAuthority());
        HttpResponse<String> discovered = client.modernPost(1, "server/discover", "{}");
        assertEquals(200, discovered.statusCode(), discovered.body());
        assertTrue(discovered.headers().firstValue("Mcp-Session-Id").isEmpty(), "a stateless answer named a session");
        JsonNode discover = HttpMcpClient.message(discovered.body(), 1);
        assertEquals(List.of(HttpMcpClient.MODERN), JsonRpc.JSON.convertValue(discover.at("/result/supportedVersions"),
                List.class));
        assertTrue(discover.at("/result/capabilities/resources/listChanged").asBoolean(), discover.toString());

        JsonNode tools = client.modern("tools/list", "{}");
        assertEquals(5, tools.at("/result/tools").size(), tools.toString());
        assertEquals(3_600_000, tools.at("/result/ttlMs").asLong(), tools.toString());
        assertEquals("public", tools.at("/result/cacheScope").asText());
        JsonNode templates = client.modern("resources/templates/list", "{}");
        assertEquals("note://{name}", templates.at("/result/resourceTemplates/0/uriTemplate").asText());
        assertTrue(templates.at("/result/ttlMs").isIntegralNumber(), templates.toString());

        HttpResponse<String> called = client.modernPost(2, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}");
        assertEquals(200, called.statusCode(), called.body());
        assertTrue(called.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "a quick call without notifications is one JSON body: " + called.headers().map());
        JsonNode result = HttpMcpClient.message(called.body(), 2);
        assertEquals("hi", result.at("/result/content/0/text").asText(), result.toString());
        assertEquals("complete", result.at("/result/resultType").asText());
        assertEquals(Identities.ANONYMOUS, server.tools.echoCallers.take(), "no token: a stateless caller is anonymous");
    }

    @Test
    void aToolThatAnswersAtOnceRunsOnTheRequestThreadAndOthersOnACallThread() throws Exception {
        HttpMcpClient client = server.client();
        client.modern("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}");
        assertTrue(server.tools.callThreads.get("echo").startsWith("http"), server.tools.callThreads.toString());
        client.modern("tools/call", "{\"name\":\"open_handle\",\"arguments\":{}}");
        assertTrue(server.tools.callThreads.get("open_handle").startsWith("mcp-call-"),
                "a call that may take long runs apart, so that its stream can carry progress and keep-alives: "
                        + server.tools.callThreads);
    }

    @Test
    void bothErasAreServedAtTheSameEndpoint() throws Exception {
        HttpMcpClient legacy = server.client();
        JsonNode init = legacy.initialize();
        assertEquals("2025-06-18", init.at("/result/protocolVersion").asText());
        assertEquals(5, legacy.request("tools/list", "{}").at("/result/tools").size());
        JsonNode modern = server.client().modern("tools/list", "{}");
        assertEquals(5, modern.at("/result/tools").size(), modern.toString());
        JsonNode legacyAgain = legacy.request("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"still\"}}");
        assertEquals("still", legacyAgain.at("/result/content/0/text").asText());
        assertTrue(legacyAgain.at("/result/resultType").isMissingNode(), "a 2026 field in an initialize-era answer");
    }

    @Test
    void errorAnswersCarryTheRequestId() throws Exception {
        HttpMcpClient client = server.client();
        HttpResponse<String> unknownVersion = client.http().send(client.builder("/mcp")
                .header("MCP-Protocol-Version", "1999-01-01")
                .POST(HttpRequest.BodyPublishers.ofString(JsonRpc.request(7, "tools/list", "{}"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(unknownVersion, 400, 7, -32022);
        assertEquals("1999-01-01", JsonRpc.JSON.readTree(unknownVersion.body()).at("/error/data/requested").asText());

        HttpResponse<String> mismatch = client.http().send(client.modernBuilder("tools/list", "{}")
                .setHeader("Mcp-Method", "prompts/list")
                .POST(HttpRequest.BodyPublishers.ofString(HttpMcpClient.modernBody(8, "tools/list", "{}"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(mismatch, 400, 8, -32020);

        HttpResponse<String> noMeta = client.http().send(client.modernBuilder("server/discover", "{}")
                .POST(HttpRequest.BodyPublishers.ofString(JsonRpc.request(9, "server/discover", "{}"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(noMeta, 400, 9, -32602);
        assertError(client.modernPost(10, "ping", "{}"), 404, 10, -32601);
        assertError(client.modernPost(11, "tools/call", "{\"name\":\"no_such_tool\",\"arguments\":{}}"), 400, 11, -32602);

        HttpResponse<String> notJsonType = client.http().send(client.modernBuilder("tools/list", "{}")
                .setHeader("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(HttpMcpClient.modernBody(12, "tools/list", "{}"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(notJsonType, 415, 12, -32600);
        String foreignHost = RawHttp.exchange(server.base, "POST /mcp HTTP/1.1\nHost: evil.example:80\n"
                + "Content-Type: application/json", JsonRpc.request(13, "tools/list", "{}"));
        assertEquals(403, RawHttp.status(foreignHost), foreignHost);
        assertTrue(foreignHost.contains("\"id\":13"), foreignHost);
    }

    private static void assertError(HttpResponse<String> response, int status, int id, int code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JsonRpc.JSON.readTree(response.body());
        assertEquals(id, body.path("id").asInt(-1), "the error answer lost the request's id: " + response.body());
        assertEquals(code, body.at("/error/code").asInt(), response.body());
    }

    @Test
    void aListenStreamAcknowledgesThenCarriesListChanges() throws Exception {
        HttpMcpClient client = server.client();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = client.http().send(client.modernBuilder("subscriptions/listen", "{}")
                .POST(HttpRequest.BodyPublishers.ofString(HttpMcpClient.modernBody(20, "subscriptions/listen",
                        "{\"notifications\":{\"resourcesListChanged\":true}}"))).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try {
                stream.body().filter(line -> line.startsWith("data:")).forEach(line -> {
                    try {
                        events.add(JsonRpc.JSON.readTree(line.substring(5).trim()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        reader.start();
        try {
            JsonNode ack = events.poll(30, TimeUnit.SECONDS);
            assertEquals("notifications/subscriptions/acknowledged", ack.path("method").asText(), String.valueOf(ack));
            server.tools.notes.put("b", "beta");
            server.tools.notesChanged();
            JsonNode changed = events.poll(30, TimeUnit.SECONDS);
            assertEquals("notifications/resources/list_changed", changed.path("method").asText(), String.valueOf(changed));
            assertEquals(20, changed.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asInt());
            List<String> listed = JsonRpc.JSON.convertValue(client.modern("resources/list", "{}")
                    .at("/result/resources").findValuesAsText("uri"), List.class);
            assertTrue(listed.contains("note://b"), listed.toString());
        } finally {
            stream.body().close();
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void closingTheResponseStreamCancelsTheCall() throws Exception {
        // a plain socket: closing the JDK client's body stream leaves the connection open
        try (Socket socket = RawHttp.send(server.base, "POST /mcp HTTP/1.1\nHost: " + server.base.getAuthority()
                + "\nContent-Type: application/json\nAccept: " + HttpMcpClient.ACCEPT + "\nMCP-Protocol-Version: "
                + HttpMcpClient.MODERN + "\nMcp-Method: tools/call\nMcp-Name: slow",
                HttpMcpClient.modernBody(30, "tools/call", "{\"name\":\"slow\",\"arguments\":{}}"))) {
            socket.setSoTimeout(30_000); // a bound against hanging
            assertTrue(server.tools.slowStarted.await(30, TimeUnit.SECONDS), "the slow tool never started");
            String head = responseHead(socket);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("content-type: text/event-stream"),
                    "a call still running after a moment is answered with a stream: " + head);
        }
        assertEquals(CallCancellation.Reason.CLIENT_CANCELLED, server.tools.slowEndings.poll(60, TimeUnit.SECONDS),
                "the call went on after its client closed the stream");
        assertFalse(server.client().modern("tools/list", "{}").has("error"));
    }

    /** The status line and headers of the response coming on {@code socket}. */
    private static String responseHead(Socket socket) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        java.io.InputStream in = socket.getInputStream();
        int b;
        while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) != -1) {
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void aCallThatReportsProgressIsAnsweredWithAStream() throws Exception {
        HttpMcpClient client = server.client();
        String body = HttpMcpClient.modernBody(40, "tools/call", "{\"name\":\"slow\",\"arguments\":{}}")
                .replace("\"_meta\":{", "\"_meta\":{\"progressToken\":\"p40\",");
        try (Socket socket = RawHttp.send(server.base, "POST /mcp HTTP/1.1\nHost: " + server.base.getAuthority()
                + "\nContent-Type: application/json\nAccept: " + HttpMcpClient.ACCEPT + "\nMCP-Protocol-Version: "
                + HttpMcpClient.MODERN + "\nMcp-Method: tools/call\nMcp-Name: slow", body)) {
            socket.setSoTimeout(30_000); // a bound against hanging
            String head = responseHead(socket);
            assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("content-type: text/event-stream"), head);
            StringBuilder events = new StringBuilder();
            while (!events.toString().contains("notifications/progress") || !events.toString().endsWith("\n\n")) {
                int b;
                try {
                    b = socket.getInputStream().read();
                } catch (java.net.SocketTimeoutException e) {
                    throw new AssertionError("no progress within 30 s: " + head + events, e);
                }
                assertTrue(b != -1, "the stream ended before any progress: " + events);
                events.append((char) b);
            }
            assertTrue(events.toString().contains("p40"), events.toString());
        }
        assertEquals(CallCancellation.Reason.CLIENT_CANCELLED, server.tools.slowEndings.poll(60, TimeUnit.SECONDS));
    }
}
