package io.dynamicmcp.core.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.ToolException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.server.McpHeaders;
import io.modelcontextprotocol.modern.server.McpTransportResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The resources of the 2026-07-28 server seen by two callers: each lists and reads only what is public or its own,
 * and its {@code subscriptions/listen} stream announces only the changes to what it can see.
 */
class ModernResourcesTest {

    private static final String ALICE = "token:alice";
    private static final String BOB = "token:bob";

    /** note name → owner ("" for a public note). */
    private final Map<String, String> notes = new ConcurrentHashMap<>(Map.of("public", ""));
    private final ExecutorService calls = Executors.newCachedThreadPool();
    private final ResourceCatalog catalog = new ResourceCatalog(List.of(new ResourceAdapter(source())));
    private final ModernRequests server = new ModernServerBuilder("test", "Test", "1", "", new JacksonMcpJsonMapper(
            new ObjectMapper()), new DefaultJsonSchemaValidator()).build(new ModernTools(List.of(), calls,
            new InFlightCalls()), List.of(), catalog);
    private int ids;

    ModernResourcesTest() {
        catalog.refresh();
    }

    private ResourceSource source() {
        return ResourceSource.builder("note", "note://{name}").title("Notes").description("notes").mimeType("text/plain")
                .lister(() -> notes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(note -> new ResourceSource.Resource("note://" + note.getKey(), note.getKey(), "Note",
                                "A note", null, note.getValue().isEmpty() ? null : note.getValue()))
                        .toList())
                .reader((uri, caller) -> {
                    String owner = notes.get(uri.substring("note://".length()));
                    if (owner == null || !owner.isEmpty() && !owner.equals(caller)) {
                        throw new ToolException("no note " + uri);
                    }
                    return "text of " + uri;
                })
                .build();
    }

    @AfterEach
    void close() {
        server.closeGracefully();
        calls.shutdownNow();
    }

    private McpTransportResponse request(String caller, String method, Map<String, Object> params) {
        return server.handle(context(caller), request(method, params)).block();
    }

    private JsonRpc.JSONRPCRequest request(String method, Map<String, Object> params) {
        Map<String, Object> withMeta = new java.util.LinkedHashMap<>(params);
        withMeta.put("_meta", Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28",
                "io.modelcontextprotocol/clientCapabilities", Map.of()));
        return new JsonRpc.JSONRPCRequest(method, ++ids, withMeta);
    }

    private static McpTransportContext context(String caller) {
        return new CallOrigin(caller, caller, null).context()
                .putAll(Map.of(McpHeaders.TRANSPORT_CONTEXT_KEY, McpHeaders.NOT_MIRRORED));
    }

    @SuppressWarnings("unchecked")
    private List<String> listed(String caller) {
        Map<String, Object> result = (Map<String, Object>) ((McpTransportResponse.Result) request(caller,
                "resources/list", Map.of())).response().result();
        return ((List<Map<String, Object>>) result.get("resources")).stream().map(r -> (String) r.get("uri")).toList();
    }

    /** Opens a listen stream for list changes and collects what it carries. */
    private BlockingQueue<JsonRpc.JSONRPCMessage> listen(String caller, List<Disposable> streams) {
        BlockingQueue<JsonRpc.JSONRPCMessage> received = new LinkedBlockingQueue<>();
        McpTransportResponse.Streaming stream = (McpTransportResponse.Streaming) request(caller, "subscriptions/listen",
                Map.of("notifications", Map.of("resourcesListChanged", true)));
        streams.add(stream.messages().subscribe(received::add));
        return received;
    }

    private static String next(BlockingQueue<JsonRpc.JSONRPCMessage> received) throws InterruptedException {
        JsonRpc.JSONRPCMessage message = received.poll(30, TimeUnit.SECONDS);
        assertTrue(message instanceof JsonRpc.JSONRPCNotification, "no notification came: " + message);
        return ((JsonRpc.JSONRPCNotification) message).method();
    }

    @Test
    void eachCallerListsAndReadsThePublicResourcesAndItsOwn() {
        notes.put("alices", ALICE);
        notes.put("bobs", BOB);
        catalog.refresh();
        assertEquals(List.of("note://alices", "note://public"), listed(ALICE));
        assertEquals(List.of("note://bobs", "note://public"), listed(BOB));
        McpTransportResponse own = request(ALICE, "resources/read", Map.of("uri", "note://alices"));
        assertTrue(own instanceof McpTransportResponse.Result, own.toString());
        JsonRpc.JSONRPCResponse foreign = ((McpTransportResponse.Error) request(BOB, "resources/read",
                Map.of("uri", "note://alices"))).response();
        JsonRpc.JSONRPCResponse missing = ((McpTransportResponse.Error) request(BOB, "resources/read",
                Map.of("uri", "note://nothing"))).response();
        assertEquals(-32602, foreign.error().code());
        assertEquals(missing.error().message().replace("nothing", "alices"), foreign.error().message(),
                "another caller's resource must read exactly as a missing one");
    }

    @Test
    void aListenStreamAnnouncesOnlyTheChangesItsCallerCanSee() throws Exception {
        List<Disposable> streams = new java.util.ArrayList<>();
        try {
            BlockingQueue<JsonRpc.JSONRPCMessage> alice = listen(ALICE, streams);
            BlockingQueue<JsonRpc.JSONRPCMessage> bob = listen(BOB, streams);
            assertEquals("notifications/subscriptions/acknowledged", next(alice));
            assertEquals("notifications/subscriptions/acknowledged", next(bob));

            notes.put("bobs", BOB);
            catalog.refresh();
            notes.put("later", "");
            catalog.refresh();

            assertEquals("notifications/resources/list_changed", next(alice));
            assertEquals("notifications/resources/list_changed", next(bob));
            assertEquals("notifications/resources/list_changed", next(bob));
            assertTrue(alice.isEmpty(), "alice learnt of bob's resource: " + alice);
            List<String> texts = bob.stream().map(Object::toString).collect(Collectors.toList());
            assertFalse(texts.stream().anyMatch(text -> text.contains("audience")), texts.toString());
        } finally {
            streams.forEach(Disposable::dispose);
        }
    }
}
