package io.dynamicmcp.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The JSON-RPC messages a test client writes and reads, as text and as Jackson trees. */
public final class JsonRpc {

    /** The mapper the test clients use; share it to read what they return. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private JsonRpc() {
    }

    /** A request as one line of JSON text. */
    public static String request(int id, String method, Object params) {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            message.set("params", tree(params));
        }
        return text(message);
    }

    /** A notification as one line of JSON text. */
    public static String notification(String method, Object params) {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        if (params != null) {
            message.set("params", tree(params));
        }
        return text(message);
    }

    /** The params of {@link #request} as a tree: a {@code String} is read as JSON text. */
    public static JsonNode tree(Object params) {
        if (params instanceof JsonNode node) {
            return node;
        }
        if (params instanceof String json) {
            return parse(json);
        }
        return JSON.valueToTree(params);
    }

    /** Parses JSON text. */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** Writes a tree as one line of JSON text. */
    public static String text(JsonNode message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code message} is an answer (result or error) to request {@code id}. */
    static boolean answers(JsonNode message, int id) {
        JsonNode answered = message.get("id");
        return answered != null && answered.isNumber() && answered.asInt() == id && !message.has("method");
    }

    /** Whether {@code message} is the notification {@code method}. */
    static boolean isNotification(JsonNode message, String method) {
        return !message.has("id") && method.equals(message.path("method").asText());
    }
}
