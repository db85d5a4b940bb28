package io.dynamicmcp.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.testkit.HttpMcpClient;
import io.dynamicmcp.testkit.JsonRpc;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamableHttpTest {

    @TempDir
    Path state;

    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RunningServer(state, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void initializeListAndCallOverOneSession() throws Exception {
        HttpMcpClient client = server.client();
        JsonNode init = client.initialize();
        assertEquals("dynamic-mcp", init.at("/result/serverInfo/name").asText());
        assertFalse(client.sessionId().isBlank());

        JsonNode list = client.request("tools/list", "{}");
        List<String> names = new ArrayList<>();
        list.at("/result/tools").forEach(tool -> names.add(tool.get("name").asText()));
        assertEquals(List.of("echo", "slow", "broken", "open_handle", "use_handle"), names);

        JsonNode call = client.request("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hello\"}}");
        assertEquals("hello", call.at("/result/content/0/text").asText());
        assertFalse(call.at("/result/isError").asBoolean());
        assertEquals(Identities.ofSession(client.sessionId()), server.tools.echoCallers.take(),
                "without a token, the caller is the MCP session");
    }

    @Test
    void callsRunOnTheThreadThatReceivedTheRequest() throws Exception {
        HttpMcpClient client = server.client();
        client.initialize();
        client.request("tools/call", "{\"name\":\"open_handle\",\"arguments\":{}}");
        assertTrue(server.tools.callThreads.get("open_handle").startsWith("http"),
                "the initialize-era transports hold the request's thread until the answer is written anyway: "
                        + server.tools.callThreads);
    }

    @Test
    void twoSessionsAreTwoCallers() throws Exception {
        HttpMcpClient first = server.client();
        first.initialize();
        HttpMcpClient second = server.client();
        second.initialize();
        first.request("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"}}");
        second.request("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"b\"}}");
        assertEquals(Identities.ofSession(first.sessionId()), server.tools.echoCallers.take());
        assertEquals(Identities.ofSession(second.sessionId()), server.tools.echoCallers.take());
        assertFalse(first.sessionId().equals(second.sessionId()));
    }

    @Test
    void deleteEndsTheSessionAndReleasesWhatItOwned() throws Exception {
        HttpMcpClient client = server.client();
        client.initialize();
        HttpResponse<String> deleted = client.delete();
        assertEquals(200, deleted.statusCode());
        assertEquals(Identities.ofSession(client.sessionId()), server.tools.endedCallers.take());

        HttpResponse<String> after = client.post("/mcp", JsonRpc.request(9, "tools/list", "{}"));
        assertEquals(404, after.statusCode(), after.body());
        assertTrue(after.body().contains("initialize"), after.body());
    }

    @Test
    void cancelledNotificationCancelsTheRunningCall() throws Exception {
        HttpMcpClient client = server.client();
        client.initialize();
        CompletableFuture<HttpResponse<String>> call = client.postAsync(JsonRpc.request(41, "tools/call", "{\"name\":\"slow\",\"arguments\":{}}"));
        assertTrue(server.tools.slowStarted.await(60, TimeUnit.SECONDS), "the slow tool never started");

        HttpResponse<String> cancel = client.post("/mcp", """
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":41,"reason":"test"}}""");
        assertEquals(202, cancel.statusCode());
        assertEquals(CallCancellation.Reason.CLIENT_CANCELLED, server.tools.slowEndings.take());
        call.get(60, TimeUnit.SECONDS);
    }

    @Test
    void toolFailuresAreErrorResultsWithoutTraces() throws Exception {
        HttpMcpClient client = server.client();
        client.initialize();
        JsonNode call = client.request("tools/call", "{\"name\":\"broken\",\"arguments\":{}}");
        assertTrue(call.at("/result/isError").asBoolean(), call.toString());
        String text = call.at("/result/content/0/text").asText();
        assertTrue(text.contains("deliberate failure"), text);
        assertFalse(text.contains("\tat "), text);

        JsonNode badArgument = client.request("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":5}}");
        assertTrue(badArgument.at("/result/isError").asBoolean(), badArgument.toString());
    }

    @Test
    void idleSessionsExpireAndAreReleased() throws Exception {
        try (RunningServer quick = new RunningServer(state.resolve("quick"), Map.of("HTTP_SESSION_IDLE_TIMEOUT", "1"))) {
            HttpMcpClient client = quick.client();
            client.initialize();
            assertEquals(Identities.ofSession(client.sessionId()), quick.tools.endedCallers.take());
            HttpResponse<String> after = client.post("/mcp", JsonRpc.request(3, "tools/list", "{}"));
            assertEquals(404, after.statusCode(), after.body());
        }
    }

    @Test
    void stopCancelsCallsStillRunningAfterTheDrainTimeAndEndsSessions() throws Exception {
        try (RunningServer draining = new RunningServer(state.resolve("drain"), Map.of("HTTP_DRAIN_TIMEOUT", "1"))) {
            HttpMcpClient client = draining.client();
            client.initialize();
            client.postAsync(JsonRpc.request(7, "tools/call", "{\"name\":\"slow\",\"arguments\":{}}"));
            assertTrue(draining.tools.slowStarted.await(60, TimeUnit.SECONDS), "the slow tool never started");
            draining.stop();
            assertEquals(CallCancellation.Reason.SHUTDOWN, draining.tools.slowEndings.take());
            assertEquals(Identities.ofSession(client.sessionId()), draining.tools.endedCallers.take());
        }
    }
}
