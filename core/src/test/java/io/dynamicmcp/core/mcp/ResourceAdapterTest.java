package io.dynamicmcp.core.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.ToolException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ResourceAdapterTest {

    private final Map<String, String> notes = new ConcurrentHashMap<>(Map.of("note://a", "alpha"));
    private final Map<String, String> readers = new ConcurrentHashMap<>();

    private ResourceSource.Builder notes() {
        return ResourceSource.builder("note", "note://{name}")
                .title("Notes")
                .description("Notes kept by the test")
                .mimeType("text/plain")
                .lister(() -> notes.keySet().stream().sorted()
                        .map(uri -> new ResourceSource.Resource(uri, uri.substring(7), "Note " + uri.substring(7),
                                "The note " + uri, (long) notes.get(uri).length()))
                        .toList())
                .reader((uri, caller) -> {
                    readers.put(uri, caller);
                    String text = notes.get(uri);
                    if (text == null) {
                        throw new ToolException("no note at " + uri + "; list the resources for the notes there are");
                    }
                    return text;
                });
    }

    private static String text(McpSchema.ReadResourceResult result) {
        return ((McpSchema.TextResourceContents) result.contents().get(0)).text();
    }

    @Test
    void theTemplateAndTheListingDescribeTheSource() {
        ResourceAdapter adapter = new ResourceAdapter(notes().build());
        McpSchema.ResourceTemplate template = adapter.template().resourceTemplate();
        assertEquals("note://{name}", template.uriTemplate());
        assertEquals("note", template.name());
        assertEquals("Notes", template.title());
        assertEquals("text/plain", template.mimeType());
        notes.put("note://b", "beta!");
        List<McpSchema.Resource> listed = adapter.listed().stream()
                .map(resource -> adapter.specification(resource).resource()).toList();
        assertEquals(List.of("note://a", "note://b"), listed.stream().map(McpSchema.Resource::uri).toList());
        McpSchema.Resource b = listed.get(1);
        assertEquals("b", b.name());
        assertEquals("Note b", b.title());
        assertEquals("The note note://b", b.description());
        assertEquals("text/plain", b.mimeType());
        assertEquals(5L, b.size());
    }

    @Test
    void aFailingListerListsNothing() {
        ResourceAdapter adapter = new ResourceAdapter(notes().lister(() -> {
            throw new IllegalStateException("broken");
        }).build());
        assertEquals(List.of(), adapter.listed());
    }

    @Test
    void readingGivesTheTextWithTheSourcesMimeTypeForTheCaller() {
        McpSchema.ReadResourceResult result = new ResourceAdapter(notes().build()).read("note://a", "alice");
        McpSchema.TextResourceContents contents = (McpSchema.TextResourceContents) result.contents().get(0);
        assertEquals("note://a", contents.uri());
        assertEquals("text/plain", contents.mimeType());
        assertEquals("alpha", contents.text());
        assertEquals("alice", readers.get("note://a"));
    }

    @Test
    void aRefusedReadIsResourceNotFoundWithTheSourcesMessage() {
        McpError e = assertThrows(McpError.class, () -> new ResourceAdapter(notes().build()).read("note://zz", "alice"));
        assertEquals(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND, e.getJsonRpcError().code());
        assertEquals("no note at note://zz; list the resources for the notes there are", e.getJsonRpcError().message());
    }

    @Test
    void aBrokenReaderIsAnInternalErrorNamingTheUri() {
        ResourceAdapter adapter = new ResourceAdapter(notes().reader((uri, caller) -> {
            throw new IllegalStateException("disk on fire");
        }).build());
        McpError e = assertThrows(McpError.class, () -> adapter.read("note://a", "alice"));
        assertEquals(McpSchema.ErrorCodes.INTERNAL_ERROR, e.getJsonRpcError().code());
        assertTrue(e.getJsonRpcError().message().contains("note://a"), e.getJsonRpcError().message());
        assertTrue(e.getJsonRpcError().message().contains("disk on fire"), e.getJsonRpcError().message());
    }

    @Test
    void longTextIsCutAtTheLimitOnACharacterBoundaryWithTheHint() {
        String big = "x" + "é".repeat(ResourceSource.MAX_TEXT_BYTES);
        notes.put("note://big", big);
        String text = text(new ResourceAdapter(notes().truncationHint("Page it with get_note.").build())
                .read("note://big", "alice"));
        int marker = text.indexOf("\n[truncated: ");
        assertTrue(marker > 0, text.substring(text.length() - 200));
        String kept = text.substring(0, marker);
        assertEquals(ResourceSource.MAX_TEXT_BYTES - 1, kept.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(big.startsWith(kept));
        assertTrue(text.endsWith("the server returns only the first " + ResourceSource.MAX_TEXT_BYTES
                + ". Page it with get_note.]\n"), text.substring(marker));
    }

    @Test
    void textUpToTheLimitIsWhole() {
        String exact = "y".repeat(ResourceSource.MAX_TEXT_BYTES);
        notes.put("note://exact", exact);
        assertEquals(exact, text(new ResourceAdapter(notes().build()).read("note://exact", "alice")));
    }
}
