package io.dynamicmcp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stdio client against tiny shell "servers" that answer with fixed lines. */
class StdioMcpClientTest {

    private static StdioMcpClient server(String script, Duration wait) throws Exception {
        return StdioMcpClient.start(new ProcessBuilder("sh", "-c", script), wait);
    }

    @Test
    void answersAreMatchedByIdAndTheRestStaysQueued() throws Exception {
        String script = "read request; echo 'not json'; echo '{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}';"
                + " echo '{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}'; echo '{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"x\":1}}';"
                + " echo oops >&2; read rest || exit 0";
        try (StdioMcpClient server = server(script, Duration.ofSeconds(30))) {
            JsonNode answer = server.request("ping", Map.of());
            assertEquals(1, answer.at("/result/x").asInt(), answer.toString());
            assertEquals("notifications/progress",
                    server.awaitNotification("notifications/progress", Duration.ofSeconds(5)).get("method").asText());
            assertEquals(List.of(7), server.drainMessages().stream().map(m -> m.get("id").asInt()).toList());
            assertEquals("not json", server.stdoutLines().get(0));
            server.closeInput();
            assertEquals(0, server.awaitExit());
            assertEquals("oops\n", server.stderr());
        }
    }

    @Test
    void aWaitPastItsBoundKillsTheServerAndFailsWithItsStderr() throws Exception {
        try (StdioMcpClient server = server("echo 'still thinking' >&2; sleep 60", Duration.ofMillis(500))) {
            AssertionError failure = assertThrows(AssertionError.class, () -> server.request("ping", null));
            assertTrue(failure.getMessage().contains("no answer to request 1 within"), failure.getMessage());
            assertTrue(failure.getMessage().contains("still thinking"), failure.getMessage());
            assertTrue(server.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void aServerThatEndsWithoutAnsweringFailsAtOnce() throws Exception {
        try (StdioMcpClient server = server("read request; echo bye >&2; exit 3", Duration.ofSeconds(60))) {
            long start = System.nanoTime();
            AssertionError failure = assertThrows(AssertionError.class, () -> server.request("ping", null));
            assertTrue(failure.getMessage().contains("before the server's stdout ended (exit code 3)"), failure.getMessage());
            assertTrue(failure.getMessage().contains("bye"), failure.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
            assertFalse(server.process().isAlive());
        }
    }
}
