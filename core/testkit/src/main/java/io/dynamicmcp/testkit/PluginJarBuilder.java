package io.dynamicmcp.testkit;

import io.dynamicmcp.spi.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;

/**
 * Builds a real plugin jar at test time: compiles Java sources against the SPI alone and registers the
 * provider in {@code META-INF/services}, as a third-party author's build would.
 */
public final class PluginJarBuilder {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private String provider;

    /** Adds a source file, e.g. {@code ("example.EchoProvider", "package example; ...")}. */
    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Names the class registered as the {@link ToolProvider}. */
    public PluginJarBuilder provider(String className) {
        this.provider = className;
        return this;
    }

    /** A plugin offering one tool that echoes its {@code text} argument; id and tool name given. */
    public static PluginJarBuilder echoPlugin(String id, String toolName) {
        String pkg = "plugin_" + id.replaceAll("[^A-Za-z0-9]", "_");
        String code = """
                package %1$s;

                import io.dynamicmcp.spi.*;
                import java.util.List;

                public final class EchoProvider implements ToolProvider {
                    public String id() { return "%2$s"; }

                    public ToolSet open(ProviderContext context) {
                        Tool tool = Tool.builder("%3$s")
                                .title("Echo (test plugin)")
                                .description("Echoes its text argument back; a test plugin loaded from a jar in plugins/.")
                                .inputSchema(JsonSchema.object()
                                        .property("text", JsonSchema.string().description("What to echo back"))
                                        .required("text").build())
                                .handler(call -> ToolResult.text("echo: " + call.arguments().requiredString("text")
                                        + " (loader " + EchoProvider.class.getClassLoader().getName() + ")"))
                                .build();
                        return new ToolSet() {
                            public List<Tool> tools() { return List.of(tool); }
                            public void close() { }
                        };
                    }
                }
                """.formatted(pkg, id, toolName);
        return new PluginJarBuilder().source(pkg + ".EchoProvider", code).provider(pkg + ".EchoProvider");
    }

    /**
     * A plugin offering one tool that starts {@code sleep 600} through the host's process service, on a terminal or
     * on pipes ({@code terminal} argument), lets it run past a deadline of {@code seconds}, and answers how it ended:
     * {@code exit=130 stop=DEADLINE ending=EXITED} when the interrupt reached a program that relies on SIGINT's
     * default action. The same from a server that inherited ignored or blocked signals shows that children start
     * clean.
     */
    public static PluginJarBuilder sleepPlugin(String id, String toolName) {
        String pkg = "plugin_" + id.replaceAll("[^A-Za-z0-9]", "_");
        String code = """
                package %1$s;

                import io.dynamicmcp.spi.*;
                import java.time.Duration;
                import java.util.List;

                public final class SleepProvider implements ToolProvider {
                    public String id() { return "%2$s"; }

                    public ToolSet open(ProviderContext context) {
                        Tool tool = Tool.builder("%3$s")
                                .title("Sleep past a deadline (test plugin)")
                                .description("Runs sleep 600 and interrupts it at a deadline; says how it ended.")
                                .inputSchema(JsonSchema.object()
                                        .property("seconds", JsonSchema.integer().minimum(1).description("The deadline"))
                                        .property("terminal", JsonSchema.bool().description("On a terminal, else pipes"))
                                        .required("seconds", "terminal").build())
                                .handler(call -> {
                                    ProcessSpec.Builder spec = ProcessSpec.command("sleep", "600")
                                            .directory(context.stateDirectory());
                                    if (call.arguments().bool("terminal", true)) {
                                        spec.terminal();
                                    }
                                    try (ChildProcess child = context.processes().start(spec.build())) {
                                        Supervised outcome = child.supervise(Supervision.deadline(Duration.ofSeconds(
                                                call.arguments().integer("seconds", 1, 1, 60))).grace(Duration.ofSeconds(10)),
                                                OutputWatcher.untilExit());
                                        child.waitFor(Duration.ofSeconds(5));
                                        return ToolResult.text("exit=" + child.exitStatus().orElse(-1) + " stop="
                                                + outcome.stop() + " ending=" + outcome.ending());
                                    } catch (Exception e) {
                                        throw new ToolException("sleep failed: " + e);
                                    }
                                })
                                .build();
                        return new ToolSet() {
                            public List<Tool> tools() { return List.of(tool); }
                            public void close() { }
                        };
                    }
                }
                """.formatted(pkg, id, toolName);
        return new PluginJarBuilder().source(pkg + ".SleepProvider", code).provider(pkg + ".SleepProvider");
    }

    /** Compiles and writes the jar; the sources and classes are deleted afterwards. */
    public Path build(Path jar) throws IOException {
        Path work = Files.createTempDirectory("plugin-src");
        try {
            return build(jar, work);
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private Path build(Path jar, Path work) throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        JavaCompiler compiler = javax.tools.ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", spiLocation()));
        args.addAll(files);
        int status = compiler.run(null, null, null, args.toArray(String[]::new));
        if (status != 0) {
            throw new IOException("the plugin sources did not compile");
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            if (provider != null) {
                out.putNextEntry(new JarEntry("META-INF/services/" + ToolProvider.class.getName()));
                write(out, provider + "\n");
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the SPI classes are (core's jar or classes folder): what a plugin compiles against. */
    private static String spiLocation() {
        try {
            return Path.of(ToolProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
