package io.dynamicmcp.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal Streamable HTTP client on the JDK's HttpClient, for tests. */
final class McpClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCEPT = "application/json, text/event-stream";
    static final String MODERN = "2026-07-28";

    final URI base;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, String> headers = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    String sessionId;

    McpClient(URI base) {
        this.base = base;
    }

    McpClient header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Initializes a session and sends {@code notifications/initialized}; returns the initialize result. */
    JsonNode initialize() throws Exception {
        HttpResponse<String> response = post("/mcp", requestBody(0, "initialize", """
                {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}"""));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("initialize failed: " + response.statusCode() + " " + response.body());
        }
        sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> initialized = post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        if (initialized.statusCode() != 202) {
            throw new IllegalStateException("initialized failed: " + initialized.statusCode());
        }
        return message(response.body(), 0).get("result");
    }

    /** Sends a request and returns its JSON-RPC answer. */
    JsonNode request(String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        HttpResponse<String> response = post("/mcp", requestBody(id, method, params));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " failed: " + response.statusCode() + " " + response.body());
        }
        return message(response.body(), id);
    }

    CompletableFuture<HttpResponse<String>> requestAsync(int id, String method, String params) {
        return http.sendAsync(builder("/mcp").POST(HttpRequest.BodyPublishers.ofString(requestBody(id, method, params))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(builder(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete() throws Exception {
        return http.send(builder("/mcp").DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", ACCEPT)
                .header("Content-Type", "application/json");
        if (sessionId != null) {
            builder.header("Mcp-Session-Id", sessionId);
        }
        headers.forEach(builder::header);
        return builder;
    }

    /**
     * Sends a 2026-07-28 request: its version and capabilities in {@code _meta}, the headers the revision requires.
     *
     * @param params the params as a JSON object, without {@code _meta}
     */
    HttpResponse<String> modernPost(int id, String method, String params) throws Exception {
        return http.send(modernBuilder(method, params).POST(HttpRequest.BodyPublishers.ofString(
                modernBody(id, method, params))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A 2026-07-28 request and its answer (from a JSON body or the event stream). */
    JsonNode modern(String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        return message(modernPost(id, method, params).body(), id);
    }

    HttpRequest.Builder modernBuilder(String method, String params) throws IOException {
        HttpRequest.Builder builder = builder("/mcp").header("MCP-Protocol-Version", MODERN).header("Mcp-Method", method);
        JsonNode name = JSON.readTree(params).path(method.equals("resources/read") ? "uri" : "name");
        if (name.isTextual()) {
            builder.header("Mcp-Name", name.asText());
        }
        return builder;
    }

    @SuppressWarnings("unchecked")
    static String modernBody(int id, String method, String params) throws IOException {
        Map<String, Object> withMeta = new LinkedHashMap<>(JSON.readValue(params, Map.class));
        withMeta.put("_meta", Map.of("io.modelcontextprotocol/protocolVersion", MODERN,
                "io.modelcontextprotocol/clientCapabilities", Map.of(),
                "io.modelcontextprotocol/clientInfo", Map.of("name", "test", "version", "1")));
        return JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", withMeta));
    }

    static String requestBody(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    /** The JSON-RPC message with this id in a JSON body or an event stream. */
    static JsonNode message(String body, int id) {
        try {
            if (body.stripLeading().startsWith("{")) {
                return JSON.readTree(body);
            }
            for (String line : body.split("\n")) {
                if (line.startsWith("data:")) {
                    JsonNode json = JSON.readTree(line.substring(5).trim());
                    if (json.path("id").asInt(-1) == id) {
                        return json;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no answer with id " + id + " in: " + body);
    }
}
