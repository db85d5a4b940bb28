package io.dynamicmcp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/**
 * An MCP client for tests and benchmarks that speaks raw JSON-RPC, so a test sees exactly what the server sent:
 * every method returns the whole JSON-RPC message, {@code result} or {@code error} and all. Answers are matched to
 * requests by id; notifications are collected until asked for. A wait that passes its bound fails with an
 * {@link AssertionError} naming what was awaited and, where there is one, the server's stderr.
 *
 * <p>Two transports: {@link StdioMcpClient} (a server process spoken to over stdin and stdout) and
 * {@link HttpMcpClient} (Streamable HTTP at 2025-11-25 with a session, or stateless at 2026-07-28).
 */
public interface McpTestClient extends AutoCloseable {

    /** The protocol revision {@link #initialize()} asks for. */
    String INITIALIZE_VERSION = "2025-06-18";

    /** How long a request waits for its answer unless told otherwise. */
    Duration DEFAULT_WAIT = Duration.ofSeconds(120);

    /** Sends {@code initialize}, then {@code notifications/initialized}; returns the initialize answer. */
    JsonNode initialize();

    /**
     * Sends a request and waits for its answer.
     *
     * @param params a {@code Map}, a {@link JsonNode}, a {@code String} of JSON text, or null for none
     * @return the answer message, with its {@code result} or {@code error}
     */
    JsonNode request(String method, Object params);

    /** Sends a notification (no answer is awaited). */
    void notify(String method, Object params);

    /** Calls a tool; returns the answer message (a failed call is an answer with {@code /result/isError} true). */
    default JsonNode callTool(String name, Map<String, ?> arguments) {
        return request("tools/call", Map.of("name", name, "arguments", arguments));
    }

    /**
     * Calls a tool and returns its {@code result}.
     *
     * @throws AssertionError if the answer is a JSON-RPC error or a tool error
     */
    default JsonNode callToolOk(String name, Map<String, ?> arguments) {
        JsonNode answer = callTool(name, arguments);
        if (answer.has("error") || answer.path("result").path("isError").asBoolean()) {
            throw new AssertionError(name + " failed: " + answer);
        }
        return answer.get("result");
    }

    /**
     * Waits for the next notification {@code method}; other messages stay where they were.
     *
     * @param bound a guard against hanging, not a timing assertion
     */
    JsonNode awaitNotification(String method, Duration bound);

    /** Closes the connection. Closing twice is harmless. */
    @Override
    void close();
}
