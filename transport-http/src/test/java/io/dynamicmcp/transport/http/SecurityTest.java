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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of the secure defaults, against a server with a token, a small body limit and two sessions. */
class SecurityTest {

    static final String TOKEN = "0123456789abcdef-test-token";

    @TempDir
    Path state;

    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RunningServer(state, Map.of("HTTP_AUTH_TOKEN", TOKEN, "HTTP_MAX_BODY_BYTES", "4096",
                "HTTP_MAX_SESSIONS", "2", "HTTP_ALLOWED_ORIGINS", "https://console.example.org"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    HttpMcpClient authorized() {
        return server.client().header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void requestsWithoutTheTokenAreRefused() throws Exception {
        for (String path : new String[] {"/mcp", "/api/mcp"}) {
            HttpResponse<String> response = server.client().post(path, JsonRpc.request(1, "initialize", "{}"));
            assertEquals(401, response.statusCode(), path);
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            assertTrue(response.body().contains("bearer token"), response.body());
        }
        assertEquals(401, server.client().get("/api/tools").statusCode());
        assertEquals(401, server.client().get("/sse").statusCode());
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        HttpMcpClient wrong = server.client().header("Authorization", "Bearer " + TOKEN.substring(1) + "x");
        assertEquals(401, wrong.get("/api/tools").statusCode());
        HttpMcpClient basic = server.client().header("Authorization", "Basic " + TOKEN);
        assertEquals(401, basic.get("/api/tools").statusCode());
    }

    @Test
    void theRightTokenIsAcceptedAndHealthNeedsNone() throws Exception {
        HttpMcpClient client = authorized();
        client.initialize();
        assertEquals("hi", client.request("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}")
                .at("/result/content/0/text").asText());
        assertEquals(200, server.client().get("/healthz").statusCode());
    }

    @Test
    void aForeignHostIsRefused() throws Exception {
        for (String host : new String[] {"evil.example.com", "evil.example.com:" + server.base.getPort(), "127.0.0.1:1"}) {
            String response = RawHttp.exchange(server.base, """
                    POST /mcp HTTP/1.1
                    Host: %s
                    Authorization: Bearer %s
                    Content-Type: application/json
                    Accept: application/json, text/event-stream""".formatted(host, TOKEN),
                    JsonRpc.request(1, "initialize", "{}"));
            assertEquals(403, RawHttp.status(response), response);
        }
        String healthz = RawHttp.exchange(server.base, "GET /healthz HTTP/1.1\nHost: evil.example.com", "");
        assertEquals(403, RawHttp.status(healthz), healthz);
        String local = RawHttp.exchange(server.base, "GET /healthz HTTP/1.1\nHost: localhost:" + server.base.getPort(), "");
        assertEquals(200, RawHttp.status(local), local);
    }

    @Test
    void aForeignOriginIsRefusedAndConfiguredOnesAreAccepted() throws Exception {
        assertEquals(403, authorized().header("Origin", "http://evil.example.com").get("/api/tools").statusCode());
        assertEquals(403, authorized().header("Origin", "null").get("/api/tools").statusCode());
        assertEquals(200, authorized().header("Origin", "https://console.example.org").get("/api/tools").statusCode());
        assertEquals(200, authorized().header("Origin", "http://127.0.0.1:" + server.base.getPort()).get("/api/tools").statusCode());
    }

    @Test
    void aHugeBodyIsRefusedAndTheServerStillServes() throws Exception {
        String huge = "{\"method\":\"echo\",\"params\":{\"text\":\"" + "x".repeat(10_000) + "\"}}";
        HttpResponse<String> response = authorized().post("/api/mcp", huge);
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("HTTP_MAX_BODY_BYTES"), response.body());

        HttpMcpClient client = authorized();
        client.initialize();
        HttpResponse<String> mcp = client.post("/mcp", JsonRpc.request(5, "tools/call",
                "{\"name\":\"echo\",\"arguments\":{\"text\":\"" + "y".repeat(10_000) + "\"}}"));
        assertEquals(413, mcp.statusCode());

        // without a Content-Length: streamed in chunks
        HttpRequest chunked = client.builder("/mcp").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build();
        assertEquals(413, client.http().send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals("ok", client.request("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"ok\"}}")
                .at("/result/content/0/text").asText());
    }

    @Test
    void sessionsAreCappedWithAClearErrorAndFreedOnDelete() throws Exception {
        HttpMcpClient first = authorized();
        first.initialize();
        HttpMcpClient second = authorized();
        second.initialize();
        HttpResponse<String> third = authorized().post("/mcp", JsonRpc.request(0, "initialize", """
                {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}"""));
        assertEquals(503, third.statusCode());
        assertTrue(third.body().contains("HTTP_MAX_SESSIONS"), third.body());
        assertEquals(5, first.request("tools/list", "{}").at("/result/tools").size(), "the server still serves");

        assertEquals(200, first.delete().statusCode());
        HttpMcpClient fourth = authorized();
        fourth.initialize();
        assertEquals("x", fourth.request("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}")
                .at("/result/content/0/text").asText());
    }

    @Test
    void unknownProtocolVersionsAreRefusedAndKnownOnesAccepted() throws Exception {
        HttpMcpClient client = authorized();
        client.initialize();
        HttpResponse<String> bad = client.header("MCP-Protocol-Version", "1999-01-01")
                .post("/mcp", JsonRpc.request(3, "tools/list", "{}"));
        assertEquals(400, bad.statusCode());
        JsonNode refused = JsonRpc.JSON.readTree(bad.body());
        assertEquals(3, refused.get("id").asInt(), "the error answer carries the request's id: " + bad.body());
        assertEquals(-32022, refused.at("/error/code").asInt(), bad.body());
        assertEquals("1999-01-01", refused.at("/error/data/requested").asText(), bad.body());
        client.header("MCP-Protocol-Version", "2025-06-18");
        assertEquals(5, client.request("tools/list", "{}").at("/result/tools").size());
    }

    @Test
    void errorBodiesAreShortJsonWithoutStackTraces() throws Exception {
        HttpMcpClient client = authorized();
        client.initialize();
        HttpResponse<?>[] responses = {
            client.post("/mcp", "{\"not\": \"json-rpc\"}"),
            client.post("/mcp", "this is not json"),
            client.post("/mcp", "[1, 2, 3]"),
            authorized().post("/mcp", JsonRpc.request(4, "tools/list", "{}")),
            authorized().get("/no/such/path"),
            authorized().post("/api/mcp", "{\"method\": 5}"),
            authorized().post("/api/mcp", "{\"method\": \"no_such_tool\", \"params\": {}}"),
            authorized().post("/messages?sessionId=unknown", JsonRpc.request(4, "tools/list", "{}")),
            client.http().send(client.builder("/mcp").PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString()),
        };
        for (HttpResponse<?> response : responses) {
            String body = String.valueOf(response.body());
            assertTrue(response.statusCode() >= 400, response.statusCode() + " " + body);
            assertTrue(body.startsWith("{"), response.uri() + ": " + body);
            assertFalse(body.contains("stackTrace") || body.contains("\tat ") || body.contains("Exception"),
                    response.uri() + ": " + body);
            assertTrue(body.length() < 600, response.uri() + ": " + body);
        }
    }
}
