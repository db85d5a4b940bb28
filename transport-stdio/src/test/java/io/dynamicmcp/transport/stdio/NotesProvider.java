package io.dynamicmcp.transport.stdio;

import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Notes kept in memory as resources, note://NAME. A note may have an owner: it is then listed to that caller only and
 * read by it only, like a crash session's transcript.
 */
final class NotesProvider implements ToolProvider {

    final Map<String, String> texts = new ConcurrentSkipListMap<>(Map.of("a", "alpha"));
    final Map<String, String> owners = new ConcurrentHashMap<>();
    final List<String> callers = new CopyOnWriteArrayList<>();
    volatile ProviderContext context;

    @Override
    public String id() {
        return "notes";
    }

    /** Adds or replaces a note and tells the host the list changed. */
    void put(String name, String text, String owner) {
        if (owner != null) {
            owners.put(name, owner);
        }
        texts.put(name, text);
        context.resourcesChanged();
    }

    @Override
    public ToolSet open(ProviderContext context) {
        this.context = context;
        ResourceSource source = ResourceSource.builder("note", "note://{name}")
                .title("Notes")
                .description("Notes kept in memory")
                .mimeType("text/plain")
                .lister(() -> texts.keySet().stream().map(name -> new ResourceSource.Resource("note://" + name, name,
                        "Note " + name, "The note called " + name, null, owners.get(name))).toList())
                .reader((uri, caller) -> {
                    callers.add(caller);
                    String name = uri.substring("note://".length());
                    String text = texts.get(name);
                    String owner = owners.get(name);
                    if (text == null || owner != null && !owner.equals(caller)) {
                        throw new ToolException("no note at " + uri + "; resources/list shows the notes");
                    }
                    return text;
                })
                .build();
        return new ToolSet() {
            @Override
            public List<Tool> tools() {
                return List.of();
            }

            @Override
            public List<ResourceSource> resources() {
                return List.of(source);
            }

            @Override
            public void close() {
            }
        };
    }
}
