package io.dynamicmcp.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.core.host.DiscoveredProvider;
import io.dynamicmcp.core.host.StartupException;
import io.dynamicmcp.core.host.ToolHost;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.testkit.PluginJarBuilder;
import io.dynamicmcp.testkit.TestContext;
import io.dynamicmcp.testkit.TestToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderDiscoveryTest {

    @TempDir
    Path plugins;

    @TempDir
    Path state;

    private List<DiscoveredProvider> discover(ProviderDiscovery discovery) {
        return discovery.fromPluginFolders(List.of(plugins, plugins.resolve("absent")), getClass().getClassLoader());
    }

    @Test
    void loadsEachPluginJarInItsOwnLoaderThatSeesOnlyTheSpi() throws Exception {
        PluginJarBuilder.echoPlugin("one", "echo_one").build(plugins.resolve("one.jar"));
        PluginJarBuilder.echoPlugin("two", "echo_two").build(plugins.resolve("two/two.jar"));
        ProviderDiscovery discovery = new ProviderDiscovery();
        List<DiscoveredProvider> found = discover(discovery);
        assertEquals(List.of("one", "two"), found.stream().map(p -> p.provider().id()).toList());
        assertTrue(found.get(0).origin().endsWith("one.jar"), found.get(0).origin());
        ClassLoader loader = found.get(0).provider().getClass().getClassLoader();
        assertTrue(loader != found.get(1).provider().getClass().getClassLoader(), "plugins share a class loader");
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(ToolHost.class.getName()),
                "a plugin must not see the host's implementation classes");
        assertEquals(io.dynamicmcp.spi.Tool.class, loader.loadClass(io.dynamicmcp.spi.Tool.class.getName()));

        try (ToolHost host = ToolHost.open(found, (id, changed) -> new TestContext(Map.of(), state))) {
            ToolResult result = host.tools().get(0).handler().call(new TestToolCall("echo_one", Map.of("text", "hi")));
            assertTrue(result.text().startsWith("echo: hi (loader plugin:one)"), result.text());
        }
    }

    @Test
    void aPluginOfSeveralJarsOffersTheProvidersOfEach() throws Exception {
        PluginJarBuilder.echoPlugin("left", "echo_left").build(plugins.resolve("pair/left.jar"));
        PluginJarBuilder.echoPlugin("right", "echo_right").build(plugins.resolve("pair/right.jar"));
        List<DiscoveredProvider> found = discover(new ProviderDiscovery());
        assertEquals(List.of("left", "right"), found.stream().map(p -> p.provider().id()).toList());
        assertEquals(found.get(0).provider().getClass().getClassLoader(), found.get(1).provider().getClass().getClassLoader());
    }

    @Test
    void findingTheProvidersOpensNoLibraryJar() throws Exception {
        PluginJarBuilder.echoPlugin("user", "echo_user").build(plugins.resolve("user/plugin.jar"));
        new PluginJarBuilder().source("lib.Helper", "package lib; public class Helper { }").build(plugins.resolve("user/lib.jar"));
        List<DiscoveredProvider> found = discover(new ProviderDiscovery());
        assertEquals(List.of("user"), found.stream().map(p -> p.provider().id()).toList());
        ClassLoader loader = found.get(0).provider().getClass().getClassLoader();
        // a jar the loader had opened would go on serving its classes once deleted; one never opened is gone
        Files.delete(plugins.resolve("user/lib.jar"));
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("lib.Helper"));
    }

    @Test
    void aBrokenJarIsReportedAndSkipped() throws Exception {
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3, 4, 5});
        Files.write(plugins.resolve("empty.jar"), new byte[0]);
        new PluginJarBuilder().source("x.Nothing", "package x; public class Nothing { }").build(plugins.resolve("noprovider.jar"));
        PluginJarBuilder.echoPlugin("good", "echo_good").build(plugins.resolve("good.jar"));
        ProviderDiscovery discovery = new ProviderDiscovery();
        List<DiscoveredProvider> found = discover(discovery);
        assertEquals(List.of("good"), found.stream().map(p -> p.provider().id()).toList());
        List<String> problems = discovery.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("broken.jar") && p.contains("not a readable jar")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("noprovider.jar") && p.contains("declares no provider")), problems.toString());
    }

    @Test
    void aProviderNamingAMissingClassIsReportedAndSkipped() throws Exception {
        new PluginJarBuilder().source("x.Nothing", "package x; public class Nothing { }")
                .provider("x.DoesNotExist").build(plugins.resolve("dangling.jar"));
        ProviderDiscovery discovery = new ProviderDiscovery();
        assertTrue(discover(discovery).isEmpty());
        assertTrue(discovery.problems().stream().anyMatch(p -> p.contains("dangling.jar") && p.contains("cannot be loaded")),
                discovery.problems().toString());
    }

    @Test
    void twoToolsWithOneNameFailStartUpNamingBothJars() throws Exception {
        PluginJarBuilder.echoPlugin("first", "echo").build(plugins.resolve("first.jar"));
        PluginJarBuilder.echoPlugin("second", "echo").build(plugins.resolve("second.jar"));
        List<DiscoveredProvider> found = discover(new ProviderDiscovery());
        StartupException e = assertThrows(StartupException.class,
                () -> ToolHost.open(found, (id, changed) -> new TestContext(Map.of(), state)));
        assertTrue(e.getMessage().contains("'echo'") && e.getMessage().contains("first.jar")
                && e.getMessage().contains("second.jar"), e.getMessage());
    }
}
