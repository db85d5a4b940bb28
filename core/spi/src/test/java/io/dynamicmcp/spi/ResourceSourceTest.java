package io.dynamicmcp.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSourceTest {

    private static ResourceSource.Builder complete() {
        return ResourceSource.builder("note", "note://{name}")
                .title("Note")
                .description("A note")
                .mimeType("text/plain")
                .lister(() -> List.of(new ResourceSource.Resource("note://a", "a", "Note a", "The note a", 3L)))
                .reader((uri, caller) -> "abc");
    }

    @Test
    void keepsWhatItWasBuiltWith() {
        ResourceSource source = complete().truncationHint("page it with get_note").build();
        assertEquals("note", source.name());
        assertEquals("note://{name}", source.uriTemplate());
        assertEquals("text/plain", source.mimeType());
        assertEquals("page it with get_note", source.truncationHint());
        assertEquals("note://a", source.lister().list().get(0).uri());
        assertEquals("abc", source.reader().read("note://a", "caller"));
        assertNull(complete().build().truncationHint());
    }

    @Test
    void everyRequiredPartIsNamedWhenMissing() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> complete().mimeType(null).build());
        assertTrue(e.getMessage().contains("mimeType of resource source note"), e.getMessage());
        assertThrows(NullPointerException.class, () -> complete().lister(null).build());
        assertThrows(NullPointerException.class, () -> complete().reader(null).build());
        assertThrows(NullPointerException.class, () -> complete().title(null).build());
        assertThrows(NullPointerException.class, () -> complete().description(null).build());
        assertThrows(IllegalArgumentException.class, () -> ResourceSource.builder("note", " ").title("t")
                .description("d").mimeType("text/plain").lister(List::of).reader((u, c) -> "").build());
        assertThrows(NullPointerException.class, () -> new ResourceSource.Resource("note://a", "a", null, "d", null));
    }
}
