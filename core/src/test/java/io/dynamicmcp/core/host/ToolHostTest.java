package io.dynamicmcp.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.core.config.LayeredSettings;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.ProviderUnavailableException;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolHostTest {

    @TempDir
    Path state;

    private final List<String> closed = new ArrayList<>();

    private ToolProvider provider(String id, String tool) {
        return new ToolProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public ToolSet open(ProviderContext context) throws ProviderUnavailableException {
                if (tool == null) {
                    throw new ProviderUnavailableException(id + " needs a binary that is not installed");
                }
                context.settings().seconds("TIMEOUT", Duration.ofSeconds(1), 1);
                Tool t = Tool.builder(tool).title(tool).description("a test tool").inputSchema(JsonSchema.object().build())
                        .handler(call -> ToolResult.text(tool)).build();
                return new ToolSet() {
                    @Override
                    public List<Tool> tools() {
                        return List.of(t);
                    }

                    @Override
                    public void close() {
                        closed.add(id);
                    }
                };
            }
        };
    }

    private ToolHost open(Map<String, String> settings, ToolProvider... providers) {
        List<DiscoveredProvider> found = new ArrayList<>();
        for (ToolProvider p : providers) {
            found.add(new DiscoveredProvider(p, p.id() + ".jar"));
        }
        return ToolHost.open(found, (id, changed) -> new PlainContext(settings, state));
    }

    @Test
    void unavailableProvidersAreReportedAndTheRestServed() {
        try (ToolHost host = open(Map.of(), provider("a", "tool_a"), provider("missing", null), provider("b", "tool_b"))) {
            assertEquals(List.of("tool_a", "tool_b"), host.tools().stream().map(Tool::name).toList());
            ProviderStatus missing = host.statuses().get(1);
            assertFalse(missing.available());
            assertTrue(missing.message().contains("not installed"), missing.message());
        }
        assertEquals(List.of("b", "a"), closed, "closed in reverse order of opening");
    }

    @Test
    void invalidSettingsStopStartUpAndCloseWhatWasOpened() {
        StartupException e = assertThrows(StartupException.class,
                () -> open(Map.of("TIMEOUT", "abc"), provider("a", "tool_a")));
        assertEquals("invalid TIMEOUT=abc: expected a whole number of seconds", e.getMessage());
    }

    @Test
    void duplicateProviderIdsFailFast() {
        StartupException e = assertThrows(StartupException.class,
                () -> open(Map.of(), provider("same", "x"), provider("same", "y")));
        assertTrue(e.getMessage().contains("'same'"), e.getMessage());
    }

    @Test
    void duplicateToolNamesCloseTheSetsAlreadyOpened() {
        assertThrows(StartupException.class, () -> open(Map.of(), provider("a", "dup"), provider("b", "dup")));
        assertEquals(List.of("a", "b"), closed.stream().sorted().toList());
    }

    private static ToolProvider withResources(String id, String template, ProviderContext[] opened) {
        return new ToolProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public ToolSet open(ProviderContext context) {
                opened[0] = context;
                ResourceSource source = ResourceSource.builder(id, template).title(id).description(id)
                        .mimeType("text/plain").lister(List::of).reader((uri, caller) -> id).build();
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
        };
    }

    private ToolHost openWithHostContexts(ToolProvider... providers) {
        List<DiscoveredProvider> found = new ArrayList<>();
        for (ToolProvider p : providers) {
            found.add(new DiscoveredProvider(p, p.id() + ".jar"));
        }
        return ToolHost.open(found, new HostContexts(LayeredSettings.of(List.of()), state,
                event -> { }));
    }

    @Test
    void aProvidersResourcesChangedReachesTheHostsListeners() throws Exception {
        ProviderContext[] opened = new ProviderContext[1];
        try (ToolHost host = openWithHostContexts(withResources("notes", "note://{name}", opened))) {
            assertEquals(List.of("note://{name}"),
                    host.resourceSources().stream().map(ResourceSource::uriTemplate).toList());
            CountDownLatch told = new CountDownLatch(1);
            host.onResourcesChanged(told::countDown);
            opened[0].resourcesChanged();
            assertTrue(told.await(60, TimeUnit.SECONDS), "the listener was never told");
        }
    }

    @Test
    void duplicateResourceTemplatesFailFast() {
        ProviderContext[] opened = new ProviderContext[1];
        StartupException e = assertThrows(StartupException.class, () -> openWithHostContexts(
                withResources("a", "note://{name}", opened), withResources("b", "note://{name}", opened)));
        assertTrue(e.getMessage().contains("resource template 'note://{name}'"), e.getMessage());
    }
}
