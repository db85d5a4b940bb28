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

    @Test
    void duplicatePromptNamesFailFastNamingBothPlugins() {
        StartupException e = assertThrows(StartupException.class, () -> open(Map.of(),
                withPrompt("one", "tool_one", "triage"), withPrompt("two", "tool_two", "triage")));
        assertTrue(e.getMessage().contains("prompt 'triage'") && e.getMessage().contains("one.jar")
                && e.getMessage().contains("two.jar"), e.getMessage());
        assertEquals(List.of("one", "two"), closed, "the sets already opened are closed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void serverInfoShowsEveryProviderItsToolsAndTheLoadProblems() throws Exception {
        java.util.concurrent.atomic.AtomicReference<ToolHost> host = new java.util.concurrent.atomic.AtomicReference<>();
        List<DiscoveredProvider> found = new ArrayList<>(List.of(
                new DiscoveredProvider(new ServerInfoProvider("9.9", List.of(state.resolve("plugins")),
                        List.of("plugin broken.jar is not a readable jar; skipped"), host::get), "host", true),
                new DiscoveredProvider(provider("present", "present_tool"), "present.jar"),
                new DiscoveredProvider(provider("missing", null), "missing.jar")));
        host.set(ToolHost.open(found, (id, changed) -> new PlainContext(Map.of(), state)));
        try (ToolHost opened = host.get()) {
            Tool info = opened.tools().stream().filter(t -> t.name().equals("server_info")).findFirst().orElseThrow();
            ToolResult result = info.handler().call(null);
            Map<String, Object> out = result.structured().orElseThrow();
            assertEquals("9.9", out.get("server_version"));
            assertEquals(List.of("plugin broken.jar is not a readable jar; skipped"), out.get("problems"));
            List<Map<String, Object>> providers = (List<Map<String, Object>>) out.get("providers");
            assertEquals(List.of("server", "present", "missing"), providers.stream().map(p -> p.get("id")).toList());
            assertEquals(List.of("present_tool"), providers.get(1).get("tools"));
            assertEquals("present.jar", providers.get(1).get("origin"));
            assertEquals(false, providers.get(2).get("available"));
            assertTrue(((String) providers.get(2).get("problem")).contains("not installed"), providers.get(2).toString());
            assertTrue(result.text().contains("missing") && result.text().contains("UNAVAILABLE"), result.text());
        }
    }

    private ToolProvider withPrompt(String id, String tool, String prompt) {
        ToolProvider base = provider(id, tool);
        return new ToolProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public ToolSet open(ProviderContext context) throws ProviderUnavailableException {
                ToolSet set = base.open(context);
                return new ToolSet() {
                    @Override
                    public List<Tool> tools() {
                        return set.tools();
                    }

                    @Override
                    public List<io.dynamicmcp.spi.Prompt> prompts() {
                        return List.of(io.dynamicmcp.spi.Prompt.builder(prompt).title(prompt).description("a prompt")
                                .renderer(arguments -> List.of()).build());
                    }

                    @Override
                    public void close() {
                        set.close();
                    }
                };
            }
        };
    }
}
