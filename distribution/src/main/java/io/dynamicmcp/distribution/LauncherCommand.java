package io.dynamicmcp.distribution;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.dynamicmcp.core.host.StartupException;
import io.dynamicmcp.core.host.ToolHost;
import io.dynamicmcp.core.mcp.McpServerAssembler;
import io.dynamicmcp.core.mcp.ServerTransport;
import io.dynamicmcp.spi.InvalidSettingException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line: which transport, where plugins live, and settings that beat the environment. Declared with
 * picocli's programmatic API: its annotation API costs ~50 ms of reflection and annotation proxies at every start.
 */
public final class LauncherCommand implements Callable<Integer> {

    /** Exit code for invalid configuration or usage. */
    static final int EXIT_CONFIG = 2;

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this)
            .name("dynamic-mcp")
            .versionProvider(new VersionProvider())
            .usageMessage(new UsageMessageSpec().sortOptions(false).description(
                    "An MCP server for kernel crash-dump analysis (crash) and live tracing (bpftrace).",
                    "Settings come from flags, then the environment, then ./.env, then conf/dynamic-mcp.env."))
            .addOption(option(String.class, "stdio|http", "Transport to serve (default: stdio).", "--transport"))
            .addOption(OptionSpec.builder("--http").description("Same as --transport http.").build())
            .addOption(option(String.class, "ADDRESS", "HTTP bind address (HTTP_HOST, default 127.0.0.1).", "--host"))
            .addOption(option(Integer.class, "PORT", "HTTP port (HTTP_PORT, default 8080).", "--port"))
            .addOption(OptionSpec.builder("--plugin-dir").type(List.class).auxiliaryTypes(Path.class).paramLabel("DIR")
                    .description("Another folder of plugin jars (repeatable).").build())
            .addOption(option(String.class, "DIR", "Where crash dumps are (CRASH_DUMP_PATH).", "--dump-path"))
            .addOption(option(String.class, "DIR", "Where kernels are (KERNEL_PATH).", "--kernel-path"))
            .addOption(option(String.class, "LEVEL", "DEBUG, INFO, WARNING or ERROR (LOG_LEVEL).", "--log-level"))
            .addOption(OptionSpec.builder("-s", "--set").type(Map.class).auxiliaryTypes(String.class, String.class)
                    .paramLabel("KEY=VALUE").description("Any setting, e.g. --set CRASH_COMMAND_TIMEOUT=60.").build())
            .addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build())
            .addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                    .description("Print version information and exit.").build());

    private final InputStream stdin;
    private final PrintStream stdout;

    LauncherCommand(InputStream stdin, PrintStream stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        ParseResult parsed = spec.commandLine().getParseResult();
        String chosen = parsed.hasMatchedOption("--http") ? "http" : parsed.matchedOptionValue("--transport", "stdio");
        List<Path> pluginDirs = parsed.matchedOptionValue("--plugin-dir", List.of());
        ServerSettings serverSettings = ServerSettings.load(flagSettings(parsed), Path.of(""));
        Logging.configure(serverSettings, chosen);
        StartupWarmup.loggingConfigured();
        Injector injector = Guice.createInjector(new ServerModule(serverSettings, pluginDirs, stdin, stdout));
        ServerTransport server = injector.getInstance(TransportRegistry.class).get(chosen);
        ToolHost host = injector.getInstance(ToolHost.class);
        try (McpServerAssembler assembler = injector.getInstance(McpServerAssembler.class)) {
            server.serve(assembler);
        } finally {
            host.close();
        }
        return 0;
    }

    private static Map<String, String> flagSettings(ParseResult parsed) {
        Map<String, String> flags = new LinkedHashMap<>(parsed.matchedOptionValue("--set", Map.<String, String>of()));
        putIfSet(flags, "HTTP_HOST", parsed, "--host");
        putIfSet(flags, "HTTP_PORT", parsed, "--port");
        putIfSet(flags, "CRASH_DUMP_PATH", parsed, "--dump-path");
        putIfSet(flags, "KERNEL_PATH", parsed, "--kernel-path");
        putIfSet(flags, "LOG_LEVEL", parsed, "--log-level");
        return flags;
    }

    private static void putIfSet(Map<String, String> flags, String key, ParseResult parsed, String option) {
        Object value = parsed.matchedOptionValue(option, null);
        if (value != null) {
            flags.put(key, value.toString());
        }
    }

    private static OptionSpec option(Class<?> type, String label, String description, String name) {
        return OptionSpec.builder(name).type(type).paramLabel(label).description(description).build();
    }

    /** Invalid configuration is one line on stderr and exit code 2; anything else is a bug worth a trace. */
    int handleFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        Throwable cause = e instanceof com.google.inject.ProvisionException || e instanceof com.google.inject.CreationException
                ? rootCause(e) : e;
        if (cause instanceof StartupException || cause instanceof InvalidSettingException
                || cause instanceof UnknownTransportException) {
            commandLine.getErr().println("dynamic-mcp: " + cause.getMessage());
            return EXIT_CONFIG;
        }
        commandLine.getErr().println("dynamic-mcp: failed: " + cause);
        cause.printStackTrace(System.err);
        return 1;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof StartupException || cause instanceof InvalidSettingException) {
                return cause;
            }
        }
        return cause;
    }
}
