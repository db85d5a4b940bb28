package io.dynamicmcp.transport.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.core.host.DiscoveredProvider;
import io.dynamicmcp.core.host.ToolHost;
import io.dynamicmcp.core.mcp.McpServerAssembler;
import io.dynamicmcp.testkit.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdioServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INIT = """
            {"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}
            {"jsonrpc":"2.0","method":"notifications/initialized"}
            """;

    @TempDir
    Path state;

    private final TestTools tools = new TestTools();
    private ToolHost host;
    private McpServerAssembler assembler;

    private McpServerAssembler assembler() {
        host = ToolHost.open(List.of(new DiscoveredProvider(tools, "test")), (id, changed) -> new TestContext(Map.of(), state));
        assembler = new McpServerAssembler(host, "test");
        return assembler;
    }

    @AfterEach
    void close() {
        if (assembler != null) {
            assembler.close();
            host.close();
        }
    }

    /** Serves a fixed input that ends (like {@code printf ... | server}) and returns every answer by id. */
    private Map<String, JsonNode> serveAll(String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StdioServer(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, Duration.ofSeconds(30))
                .serve(assembler());
        Map<String, JsonNode> answers = new HashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode node = JSON.readTree(line);
            if (node.has("id")) {
                answers.put(node.get("id").asText(), node);
            }
        }
        return answers;
    }

    private static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}\n";
    }

    @Test
    void answersEveryRequestEvenWhenTheInputEndsRightAfterThem() throws Exception {
        StringBuilder input = new StringBuilder(INIT);
        input.append("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}\n");
        for (int i = 2; i < 40; i++) {
            input.append(call(i, "echo", "{\"text\":\"n" + i + "\"}"));
        }
        Map<String, JsonNode> answers = serveAll(input.toString());
        assertEquals(40, answers.size(), answers.keySet().toString());
        assertEquals(4, answers.get("1").at("/result/tools").size());
        for (int i = 2; i < 40; i++) {
            assertEquals("n" + i, answers.get(String.valueOf(i)).at("/result/structuredContent/echo").asText());
        }
    }

    @Test
    void malformedInputGetsAnErrorAndTheServerKeepsServing() throws Exception {
        Map<String, JsonNode> answers = serveAll(INIT
                + "this is not json\n"
                + "{\"id\":7}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"no/such/method\"}\n"
                + "\n"
                + call(9, "echo", "{\"text\":\"still here\"}"));
        assertEquals(-32700, answers.get("null").at("/error/code").asInt());
        assertEquals(-32600, answers.get("7").at("/error/code").asInt());
        assertEquals(-32601, answers.get("8").at("/error/code").asInt());
        assertEquals("still here", answers.get("9").at("/result/structuredContent/echo").asText());
    }

    @Test
    void toolFailuresBecomeErrorResultsNotProtocolErrors() throws Exception {
        Map<String, JsonNode> answers = serveAll(INIT + call(1, "boom", "{}") + call(2, "refuse", "{}")
                + call(3, "echo", "{\"text\":42}") + call(4, "echo", "{}"));
        JsonNode boom = answers.get("1").get("result");
        assertTrue(boom.get("isError").asBoolean());
        assertTrue(boom.at("/content/0/text").asText().contains("kaboom"), boom.toString());
        assertFalse(boom.toString().contains("at io.dynamicmcp"), "a stack trace reached the client");
        assertEquals("refused: use echo instead", answers.get("2").at("/result/content/0/text").asText());
        assertTrue(answers.get("3").at("/result/isError").asBoolean(), answers.get("3").toString());
        assertTrue(answers.get("4").at("/result/isError").asBoolean(), answers.get("4").toString());
    }

    @Test
    void notificationsCancelledInterruptsTheRunningCall() throws Exception {
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(client, 1 << 16);
        LineCapture out = new LineCapture();
        StdioServer server = new StdioServer(serverIn, out, Duration.ofSeconds(30));
        Thread serving = new Thread(() -> {
            try {
                server.serve(assembler());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        serving.start();
        send(client, INIT);
        send(client, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\",\"arguments\":{},"
                + "\"_meta\":{\"progressToken\":\"p5\"}}}\n");
        assertTrue(tools.slowStarted.await(30, TimeUnit.SECONDS), "slow tool never started");
        send(client, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5,\"reason\":\"user\"}}\n");
        JsonNode answer = out.awaitId("5");
        assertEquals("cancelled: CLIENT_CANCELLED", answer.at("/result/content/0/text").asText());
        assertTrue(out.lines.stream().anyMatch(l -> l.contains("notifications/progress") && l.contains("p5")),
                "no progress notification: " + out.lines);
        client.close();
        serving.join(30_000);
        assertFalse(serving.isAlive(), "the server did not stop when its input ended");
    }

    private static void send(OutputStream client, String text) throws IOException {
        client.write(text.getBytes(StandardCharsets.UTF_8));
        client.flush();
    }

    @Test
    void aNotificationCancellingAnUnknownRequestIsHarmless() throws Exception {
        Map<String, JsonNode> answers = serveAll(INIT
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":99}}\n"
                + call(1, "echo", "{\"text\":\"ok\"}"));
        assertNotNull(answers.get("1"));
    }
}
