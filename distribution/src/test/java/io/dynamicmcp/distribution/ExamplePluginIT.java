package io.dynamicmcp.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.JsonRpc;
import io.dynamicmcp.testkit.StdioMcpClient;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin (docs/examples/kernel-info-plugin) as an administrator would install it: its jar dropped
 * into the {@code plugins/} folder of a copy of the built distribution, the real launcher started, and
 * {@code kernel_info} called over stdio as an MCP client would.
 */
class ExamplePluginIT {

    private static final String PROVIDER_CLASS = "io/dynamicmcp/examples/kernelinfo/KernelInfoProvider.class";

    @TempDir
    Path dir;

    /** The plugin jar the reactor built (a test dependency of this module, so it is built first). */
    static Path pluginJar() {
        URL url = ExamplePluginIT.class.getClassLoader().getResource(PROVIDER_CLASS);
        if (url == null || !url.getProtocol().equals("jar")) {
            throw new IllegalStateException("the kernel-info-plugin jar is not on the test class path (found " + url
                    + "): build with the reactor, e.g. mvn -pl distribution -am verify");
        }
        String file = url.getPath().substring(0, url.getPath().indexOf("!/"));
        return Path.of(URI.create(file));
    }

    /** A copy of target/dynamic-mcp, so dropping jars into its plugins/ leaves the build untouched. */
    static Path copyOfDistribution(Path dir) throws IOException {
        Path source = Launcher.distribution();
        Path target = dir.resolve("dynamic-mcp");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path from : walk.toList()) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return target;
    }

    private static JsonNode tool(JsonNode list, String name) {
        return StreamSupport.stream(list.at("/result/tools").spliterator(), false)
                .filter(t -> t.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("tools/list has no " + name + ": " + list));
    }

    private static Map<String, Object> map(JsonNode node) {
        return JsonRpc.JSON.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void kernelInfoFromThePluginsFolderAnswersARealClient() throws Exception {
        Path dist = copyOfDistribution(dir);
        Path installed = Files.copy(pluginJar(), dist.resolve("plugins/kernel-info-plugin.jar"));
        try (StdioMcpClient server = Launcher.start(dist, dir, Map.of())) {
            server.initialize();
            JsonNode tool = tool(server.request("tools/list", Map.of()), "kernel_info");
            assertTrue(tool.at("/annotations/readOnlyHint").asBoolean(), tool.toString());
            assertTrue(tool.at("/annotations/openWorldHint").asBoolean(), tool.toString());
            assertFalse(tool.at("/annotations/destructiveHint").asBoolean(), tool.toString());
            assertEquals("boolean", tool.at("/inputSchema/properties/include_modules/type").asText(), tool.toString());

            JsonNode answer = server.callTool("kernel_info", Map.of());
            assertFalse(answer.at("/result/isError").asBoolean(), answer.toString());
            JsonNode out = answer.at("/result/structuredContent");
            String release = System.getProperty("os.version");
            assertEquals(release, out.get("release").asText(), out.toString());
            assertTrue(answer.at("/result/content/0/text").asText().startsWith("Live host kernel " + release), answer.toString());
            assertEquals(Files.readString(Path.of("/proc/cmdline")).trim(), out.get("command_line").asText());
            assertEquals(Long.parseLong(Files.readString(Path.of("/proc/sys/kernel/tainted")).trim()),
                    out.at("/taint/value").asLong());
            assertEquals(Files.exists(Path.of("/sys/kernel/btf/vmlinux")), out.at("/btf/available").asBoolean());
            Path procModules = Path.of("/proc/modules");
            if (Files.exists(procModules)) {
                List<String> names = Files.readAllLines(procModules).stream().filter(l -> !l.isBlank())
                        .map(l -> l.split("\\s+")[0]).toList();
                List<String> listed = StreamSupport.stream(out.at("/modules/list").spliterator(), false)
                        .map(m -> m.get("name").asText()).toList();
                assertEquals(names, listed);
            } else {
                System.err.println("ExamplePluginIT: /proc/modules does not exist on this machine (no module support);"
                        + " checking that kernel_info says so instead of listing modules");
                assertFalse(out.at("/modules/available").asBoolean(), out.toString());
                assertTrue(out.at("/modules/note").asText().contains("does not exist"), out.toString());
            }
            // as the Java SDK's client does: the structured content must conform to the published output schema
            ValidationResponse valid = new DefaultJsonSchemaValidator().validate(map(tool.get("outputSchema")), map(out));
            assertTrue(valid.valid(), valid.errorMessage());

            // schema-valid but contradictory arguments: the plugin's own ToolException, as an isError result
            JsonNode bad = server.callTool("kernel_info", Map.of("include_modules", false, "module_filter", "nf"));
            assertTrue(bad.at("/result/isError").asBoolean(), bad.toString());
            assertEquals("argument 'module_filter' needs include_modules=true; drop one of the two",
                    bad.at("/result/content/0/text").asText());
            JsonNode brief = server.callTool("kernel_info", Map.of("include_modules", false));
            assertFalse(brief.at("/result/structuredContent").has("modules"), brief.toString());

            server.closeInput();
            assertEquals(0, server.awaitExit(), server.stderr());
            String loaded = server.stderr().lines().filter(l -> l.contains("provider kernel-info ")).findFirst().orElse("");
            assertTrue(loaded.endsWith(" from " + installed + ": 2 tools"), server.stderr());
        }
    }

    @Test
    void theSamePluginDroppedTwiceStopsStartUpNamingBothJars() throws Exception {
        Path dist = copyOfDistribution(dir);
        Path first = Files.copy(pluginJar(), dist.resolve("plugins/kernel-info-a.jar"));
        Path second = Files.copy(pluginJar(), dist.resolve("plugins/kernel-info-b.jar"));
        try (StdioMcpClient server = Launcher.start(dist, dir, Map.of())) {
            assertEquals(2, server.awaitExit(), server.stderr());
            assertTrue(server.stderr().contains("dynamic-mcp: two providers have the id 'kernel-info': " + first + " and "
                    + second + "; remove one of them"), server.stderr());
            assertTrue(server.stdoutLines().isEmpty(), server.stdoutLines().toString());
        }
    }
}
