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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: which transport, where plugins live, and settings that beat the environment. */
@Command(name = "dynamic-mcp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"An MCP server for kernel crash-dump analysis (crash) and live tracing (bpftrace).",
            "Settings come from flags, then the environment, then ./.env, then conf/dynamic-mcp.env."})
public final class LauncherCommand implements Callable<Integer> {

    /** Exit code for invalid configuration or usage. */
    static final int EXIT_CONFIG = 2;

    @Option(names = "--transport", paramLabel = "stdio|http", description = "Transport to serve (default: ${DEFAULT-VALUE}).")
    String transport = "stdio";

    @Option(names = "--http", description = "Same as --transport http.")
    boolean http;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "HTTP bind address (HTTP_HOST, default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (HTTP_PORT, default 8080).")
    Integer port;

    @Option(names = "--plugin-dir", paramLabel = "DIR", description = "Another folder of plugin jars (repeatable).")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--dump-path", paramLabel = "DIR", description = "Where crash dumps are (CRASH_DUMP_PATH).")
    String dumpPath;

    @Option(names = "--kernel-path", paramLabel = "DIR", description = "Where kernels are (KERNEL_PATH).")
    String kernelPath;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "DEBUG, INFO, WARNING or ERROR (LOG_LEVEL).")
    String logLevel;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set CRASH_COMMAND_TIMEOUT=60.")
    Map<String, String> settings = new LinkedHashMap<>();

    private final InputStream stdin;
    private final PrintStream stdout;

    LauncherCommand(InputStream stdin, PrintStream stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        String chosen = http ? "http" : transport;
        ServerSettings serverSettings = ServerSettings.load(flagSettings(), Path.of(""));
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

    private Map<String, String> flagSettings() {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        putIfSet(flags, "HTTP_HOST", host);
        putIfSet(flags, "HTTP_PORT", port == null ? null : port.toString());
        putIfSet(flags, "CRASH_DUMP_PATH", dumpPath);
        putIfSet(flags, "KERNEL_PATH", kernelPath);
        putIfSet(flags, "LOG_LEVEL", logLevel);
        return flags;
    }

    private static void putIfSet(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
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
