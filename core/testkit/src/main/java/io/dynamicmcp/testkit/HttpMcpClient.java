package io.dynamicmcp.testkit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An MCP client of a Streamable HTTP server, on the JDK's {@link HttpClient}, at either protocol revision: 2025-11-25
 * ({@link #initialize()} opens a session; later requests carry its {@code Mcp-Session-Id}) or 2026-07-28 (no session;
 * every request carries its revision, capabilities and client info in {@code _meta} and the headers the revision
 * requires). {@link #of} makes a client whose {@link #request} uses a session, {@link #stateless} one whose
 * {@link #request} is {@link #modern}; either can send both kinds, and raw HTTP too ({@link #post}, {@link #get}).
 *
 * <p>An answer may come as one JSON body or as an event stream; the notifications in a stream are collected for
 * {@link #awaitNotification} and {@link #notifications()}. Not thread-safe for {@link #initialize()}; requests
 * may be sent from several threads.
 */
public final class HttpMcpClient implements McpTestClient {

    /** What a Streamable HTTP client accepts. */
    public static final String ACCEPT = "application/json, text/event-stream";
    /** The stateless revision. */
    public static final String MODERN = "2026-07-28";

    private final URI base;
    private final String endpoint;
    private final boolean stateless;
    private final HttpClient http;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<JsonNode> notifications = new ArrayList<>(); // guarded by itself
    private Duration wait = DEFAULT_WAIT;
    private Supplier<String> serverStderr = () -> "(not known)";
    private volatile String sessionId;
    private volatile String negotiated;

    private HttpMcpClient(URI base, String endpoint, boolean stateless, HttpClient http) {
        this.base = requireNonNull(base, "base is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.stateless = stateless;
        this.http = requireNonNull(http, "http is null");
    }

    /** A 2025-11-25 client of the server at {@code base} (e.g. {@code http://127.0.0.1:8080}), MCP at {@code /mcp}. */
    public static HttpMcpClient of(URI base) {
        return of(base, HttpClient.newHttpClient());
    }

    /** {@link #of(URI)} on a given HTTP client (e.g. one of HTTP/1.1 only, a connection of its own). */
    public static HttpMcpClient of(URI base, HttpClient http) {
        return new HttpMcpClient(base, "/mcp", false, http);
    }

    /** A 2026-07-28 client of the server at {@code base}, MCP at {@code /mcp}. */
    public static HttpMcpClient stateless(URI base) {
        return stateless(base, HttpClient.newHttpClient());
    }

    /** {@link #stateless(URI)} on a given HTTP client. */
    public static HttpMcpClient stateless(URI base, HttpClient http) {
        return new HttpMcpClient(base, "/mcp", true, http);
    }

    /** Sends {@code name: value} with every request, in place of any value this client would send. */
    public HttpMcpClient header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Waits at most {@code wait} for an answer (the HTTP request's timeout). */
    public HttpMcpClient waitingAtMost(Duration wait) {
        this.wait = requireNonNull(wait, "wait is null");
        return this;
    }

    /** Names the server's stderr in the message of a failed wait (e.g. {@link StdioMcpClient#stderr()}). */
    public HttpMcpClient stderrFrom(Supplier<String> stderr) {
        this.serverStderr = requireNonNull(stderr, "stderr is null");
        return this;
    }

    public URI base() {
        return base;
    }

    public HttpClient http() {
        return http;
    }

    /** The session {@link #initialize()} opened, or null. */
    public String sessionId() {
        return sessionId;
    }

    /**
     * Opens a 2025-11-25 session: {@code initialize}, then {@code notifications/initialized}; returns the initialize
     * answer. A stateless client has nothing to open and asks {@code server/discover} instead.
     */
    @Override
    public JsonNode initialize() {
        return stateless ? modern("server/discover", Map.of()) : initialize(INITIALIZE_VERSION);
    }

    /**
     * Opens a session asking for {@code version}; later requests carry the version the server chose in
     * {@code MCP-Protocol-Version}.
     */
    public JsonNode initialize(String version) {
        int id = ids.incrementAndGet();
        HttpResponse<String> response = post(JsonRpc.request(id, "initialize", Map.of("protocolVersion",
                version, "capabilities", Map.of(), "clientInfo", Map.of("name", "dynamic-mcp-testkit",
                        "version", "1"))));
        if (response.statusCode() != 200) {
            throw new AssertionError("initialize failed: " + response.statusCode() + " " + response.body());
        }
        String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow(
                () -> new AssertionError("no Mcp-Session-Id in the initialize answer: " + response.headers().map()));
        sessionId = session;
        HttpResponse<String> initialized = post(JsonRpc.notification("notifications/initialized", null));
        if (initialized.statusCode() != 202) {
            throw new AssertionError("notifications/initialized got " + initialized.statusCode() + " " + initialized.body());
        }
        JsonNode answer = answer(response.body(), id);
        negotiated = answer.path("result").path("protocolVersion").asText(null);
        return answer;
    }

    /** A request at this client's revision; fails unless HTTP 200. */
    @Override
    public JsonNode request(String method, Object params) {
        if (stateless) {
            return modern(method, params);
        }
        int id = ids.incrementAndGet();
        HttpResponse<String> response = post(JsonRpc.request(id, method, params));
        if (response.statusCode() != 200) {
            throw new AssertionError(method + " failed: " + response.statusCode() + " " + response.body());
        }
        return answer(response.body(), id);
    }

    /** A 2026-07-28 request and its answer (from a JSON body or the event stream), whatever the HTTP status. */
    public JsonNode modern(String method, Object params) {
        int id = ids.incrementAndGet();
        return answer(modernPost(id, method, params).body(), id);
    }

    /** Sends a 2026-07-28 request with id {@code id} and returns the raw response. */
    public HttpResponse<String> modernPost(int id, String method, Object params) {
        return send(modernBuilder(method, params).POST(HttpRequest.BodyPublishers.ofString(
                modernBody(id, method, params))).build());
    }

    @Override
    public void notify(String method, Object params) {
        HttpResponse<String> response = post(JsonRpc.notification(method, params));
        if (response.statusCode() != 202) {
            throw new AssertionError(method + " got " + response.statusCode() + " " + response.body());
        }
    }

    /** Posts {@code body} to the MCP endpoint with this client's headers and session. */
    public HttpResponse<String> post(String body) {
        return post(endpoint, body);
    }

    /** Posts {@code body} to {@code path} with this client's headers and session. */
    public HttpResponse<String> post(String path, String body) {
        return send(builder(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Posts without waiting. */
    public CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return http.sendAsync(builder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) {
        return send(builder(path).GET().build());
    }

    /** Ends the session: DELETE on the MCP endpoint. */
    public HttpResponse<String> delete() {
        return send(builder(endpoint).DELETE().build());
    }

    /** A request to {@code path} with this client's headers, session and timeout, to finish and {@link #send}. */
    public HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(wait)
                .header("Accept", ACCEPT)
                .header("Content-Type", "application/json");
        if (sessionId != null) {
            builder.header("Mcp-Session-Id", sessionId);
            if (negotiated != null) {
                builder.header("MCP-Protocol-Version", negotiated);
            }
        }
        headers.forEach(builder::setHeader);
        return builder;
    }

    /** {@link #builder} for the MCP endpoint with the headers a 2026-07-28 request of {@code method} needs. */
    public HttpRequest.Builder modernBuilder(String method, Object params) {
        HttpRequest.Builder builder = builder(endpoint).setHeader("MCP-Protocol-Version", MODERN).header("Mcp-Method", method);
        JsonNode name = params == null ? null : JsonRpc.tree(params).get(method.equals("resources/read") ? "uri" : "name");
        if (name != null && name.isTextual()) {
            builder.header("Mcp-Name", name.asText());
        }
        return builder;
    }

    /** Sends a request; a timeout or an I/O failure fails with the server's stderr. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e + "; server stderr:\n"
                    + serverStderr.get(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    /** The JSON-RPC message with id {@code id} in a JSON body or an event stream. */
    public static JsonNode message(String body, int id) {
        if (body.stripLeading().startsWith("{")) {
            return JsonRpc.parse(body);
        }
        return events(body).stream().filter(event -> JsonRpc.answers(event, id)).findFirst()
                .orElseThrow(() -> new AssertionError("no answer with id " + id + " in: " + body));
    }

    /** {@link #message}, collecting the notifications of an event stream. */
    private JsonNode answer(String body, int id) {
        if (!body.stripLeading().startsWith("{")) {
            for (JsonNode event : events(body)) {
                if (!event.has("id")) {
                    synchronized (notifications) {
                        notifications.add(event);
                    }
                }
            }
        }
        return message(body, id);
    }

    /** The JSON-RPC messages in the {@code data:} lines of an event stream. */
    public static List<JsonNode> events(String stream) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.startsWith("data:") && !line.substring(5).isBlank()) {
                events.add(JsonRpc.parse(line.substring(5).trim()));
            }
        }
        return events;
    }

    /**
     * The next notification {@code method} that came in an event stream so far (HTTP answers are complete when they
     * return, so there is nothing to wait for).
     */
    @Override
    public JsonNode awaitNotification(String method, Duration bound) {
        synchronized (notifications) {
            for (Iterator<JsonNode> it = notifications.iterator(); it.hasNext(); ) {
                JsonNode message = it.next();
                if (JsonRpc.isNotification(message, method)) {
                    it.remove();
                    return message;
                }
            }
        }
        throw new AssertionError("no notification " + method + " came in an answer's event stream; server stderr:\n"
                + serverStderr.get());
    }

    /** The notifications collected from event streams so far. */
    public List<JsonNode> notifications() {
        synchronized (notifications) {
            return List.copyOf(notifications);
        }
    }

    /** A 2026-07-28 request body: {@code params} with {@code _meta} added. */
    public static String modernBody(int id, String method, Object params) {
        ObjectNode withMeta = params == null ? JsonRpc.JSON.createObjectNode() : JsonRpc.tree(params).deepCopy();
        withMeta.set("_meta", JsonRpc.JSON.valueToTree(Map.of("io.modelcontextprotocol/protocolVersion", MODERN,
                "io.modelcontextprotocol/clientCapabilities", Map.of(),
                "io.modelcontextprotocol/clientInfo", Map.of("name", "dynamic-mcp-testkit", "version", "1"))));
        return JsonRpc.request(id, method, withMeta);
    }

    /** Ends the session if there is one (best effort). */
    @Override
    public void close() {
        if (sessionId != null) {
            try {
                http.send(builder(endpoint).timeout(Duration.ofSeconds(10)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // the session ends with the server anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sessionId = null;
        }
    }
}
