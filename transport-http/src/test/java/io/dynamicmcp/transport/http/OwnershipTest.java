package io.dynamicmcp.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.HttpMcpClient;
import io.dynamicmcp.testkit.JsonRpc;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handles (here the test tools' open_handle, like a crash session) belong to the caller's identity: the token over
 * HTTP, whatever the protocol revision, the endpoint or the connection. Another identity can neither use one nor tell
 * it from one that does not exist; a caller that reconnects keeps its handles until it has been idle for the timeout.
 */
class OwnershipTest {

    private static final String ALICE = "alice-0123456789abcdef";
    private static final String BOB = "bob-0123456789abcdefgh";

    @TempDir
    Path state;

    RunningServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void start(Map<String, String> settings) throws Exception {
        server = new RunningServer(state, settings);
    }

    private Map<String, String> twoTokens(String idleSeconds) throws Exception {
        Path tokens = Files.writeString(state.resolve("tokens"), "# one token per client\n" + ALICE + "\n" + BOB + "\n");
        return Map.of("HTTP_AUTH_TOKEN_FILE", tokens.toString(), "HTTP_SESSION_IDLE_TIMEOUT", idleSeconds,
                "HTTP_KEEP_ALIVE_INTERVAL", "1");
    }

    private HttpMcpClient as(String token) {
        return server.client().header("Authorization", "Bearer " + token);
    }

    private static String open(HttpMcpClient client) throws Exception {
        JsonNode opened = client.modern("tools/call", "{\"name\":\"open_handle\",\"arguments\":{}}");
        return opened.at("/result/structuredContent/handle").asText();
    }

    private static String useModern(HttpMcpClient client, String handle) throws Exception {
        return client.modern("tools/call", useArguments(handle)).at("/result/content/0/text").asText();
    }

    private static String useLegacy(HttpMcpClient session, String handle) throws Exception {
        return session.request("tools/call", useArguments(handle)).at("/result/content/0/text").asText();
    }

    private static String useRest(HttpMcpClient client, String handle) throws Exception {
        HttpResponse<String> answer = client.post("/api/mcp", "{\"method\":\"use_handle\",\"params\":{\"handle\":\""
                + handle + "\"}}");
        return JsonRpc.JSON.readTree(answer.body()).at("/content/0/text").asText();
    }

    private static String useArguments(String handle) {
        return "{\"name\":\"use_handle\",\"arguments\":{\"handle\":\"" + handle + "\"}}";
    }

    private static List<String> listed(HttpMcpClient client) throws Exception {
        return client.modern("resources/list", "{}").at("/result/resources").findValuesAsText("uri");
    }

    @Test
    void aHandleFollowsItsTokenAcrossRevisionsEndpointsAndReconnects() throws Exception {
        start(twoTokens("1800"));
        String handle = open(as(ALICE));
        String used = "used " + handle;
        assertEquals(used, useModern(as(ALICE), handle), "a new connection with the same token");
        HttpMcpClient aliceSession = as(ALICE);
        aliceSession.initialize();
        assertEquals(used, useLegacy(aliceSession, handle), "the same token under 2025-06-18");
        assertEquals(used, useRest(as(ALICE), handle), "the same token over REST");

        String missing = "h-00000000-0000-0000-0000-000000000000";
        HttpMcpClient bobSession = as(BOB);
        bobSession.initialize();
        for (String answer : List.of(useModern(as(BOB), handle), useLegacy(bobSession, handle), useRest(as(BOB), handle))) {
            assertEquals(useModern(as(BOB), missing).replace(missing, handle), answer,
                    "another token's handle must look exactly like one that does not exist");
        }

        assertTrue(listed(as(ALICE)).contains("note://" + handle), "the owner lists its handle");
        assertFalse(listed(as(BOB)).contains("note://" + handle), "another token learnt of the handle");
        JsonNode bobRead = as(BOB).modern("resources/read", "{\"uri\":\"note://" + handle + "\"}");
        JsonNode bobMissing = as(BOB).modern("resources/read", "{\"uri\":\"note://" + missing + "\"}");
        assertEquals(bobMissing.at("/error/message").asText().replace(missing, handle), bobRead.at("/error/message")
                .asText(), bobRead.toString());
        List<String> sessionList = bobSession.request("resources/list", "{}").at("/result/resources").findValuesAsText("uri");
        assertFalse(sessionList.contains("note://" + handle), "the initialize-era list is shared: no owned resources");
    }

    @Test
    void withoutATokenEachSessionIsACallerAndSessionlessClientsAreOne() throws Exception {
        start(Map.of());
        String anonymous = open(server.client());
        assertEquals("used " + anonymous, useModern(server.client(), anonymous), "stateless clients share one caller");
        HttpMcpClient first = server.client();
        first.initialize();
        HttpMcpClient second = server.client();
        second.initialize();
        String firsts = HttpMcpClient.message(first.post("/mcp", JsonRpc.request(50, "tools/call",
                "{\"name\":\"open_handle\",\"arguments\":{}}")).body(), 50).at("/result/structuredContent/handle").asText();
        assertEquals("used " + firsts, useLegacy(first, firsts));
        assertTrue(useLegacy(second, firsts).startsWith("no such handle"), "one session used another's handle");
        assertTrue(useModern(server.client(), firsts).startsWith("no such handle"), "a stateless client used a session's");
        assertTrue(useLegacy(first, anonymous).startsWith("no such handle"), "a session used the stateless clients'");
    }

    @Test
    void aCallerEndsOnceIdleForTheTimeoutAndNotWhileAStreamIsOpen() throws Exception {
        start(twoTokens("1"));
        // a plain socket, so that closing it surely closes the stream
        Socket stream = RawHttp.send(server.base, "POST /mcp HTTP/1.1\nHost: " + server.base.getAuthority()
                + "\nAuthorization: Bearer " + BOB + "\nContent-Type: application/json\nAccept: " + HttpMcpClient.ACCEPT
                + "\nMCP-Protocol-Version: " + HttpMcpClient.MODERN + "\nMcp-Method: subscriptions/listen",
                HttpMcpClient.modernBody(60, "subscriptions/listen", "{\"notifications\":{\"resourcesListChanged\":true}}"));
        String status = new String(stream.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        assertTrue(status.endsWith("200"), status);
        String bobs = open(as(BOB));
        as(BOB).modern("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"who\"}}");
        String bobIdentity = server.tools.echoCallers.take();
        String alices = open(as(ALICE));
        as(ALICE).modern("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"who\"}}");
        String aliceIdentity = server.tools.echoCallers.take();

        awaitEnded(aliceIdentity);
        assertTrue(useModern(as(ALICE), alices).startsWith("no such handle"), "alice's handle outlived her");
        assertEquals("used " + bobs, useModern(as(BOB), bobs), "bob was released while his stream was open");
        stream.close();
        awaitEnded(bobIdentity);
    }

    /** Waits (bounded, against hanging) until the host is told {@code identity} ended; others may end meanwhile. */
    private void awaitEnded(String identity) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (identity.equals(server.tools.endedCallers.poll(1, TimeUnit.SECONDS))) {
                return;
            }
        }
        throw new AssertionError(identity + " was never released");
    }
}
