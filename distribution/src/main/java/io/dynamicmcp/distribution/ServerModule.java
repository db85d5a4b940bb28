package io.dynamicmcp.distribution;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import io.dynamicmcp.core.audit.JsonLinesAuditLog;
import io.dynamicmcp.core.host.DiscoveredProvider;
import io.dynamicmcp.core.host.HostContexts;
import io.dynamicmcp.core.host.ServerInfoProvider;
import io.dynamicmcp.core.host.ToolHost;
import io.dynamicmcp.core.mcp.McpServerAssembler;
import io.dynamicmcp.core.mcp.ServerTransport;
import io.dynamicmcp.core.plugin.ProviderDiscovery;
import io.dynamicmcp.spi.AuditLog;
import io.dynamicmcp.spi.Settings;
import io.dynamicmcp.transport.http.HttpServer;
import io.dynamicmcp.transport.stdio.StdioServer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Wires the server: settings, audit log, providers and their tools, and the transports. Bound in code rather than
 * with {@code @Provides} methods, whose discovery (reflection over this class's methods and their annotations) cost
 * ~40 ms of every start.
 */
final class ServerModule extends AbstractModule {

    private final ServerSettings settings;
    private final List<Path> extraPluginDirs;
    private final InputStream stdin;
    private final PrintStream stdout;

    ServerModule(ServerSettings settings, List<Path> extraPluginDirs, InputStream stdin, PrintStream stdout) {
        this.settings = settings;
        this.extraPluginDirs = extraPluginDirs;
        this.stdin = stdin;
        this.stdout = stdout;
    }

    @Override
    protected void configure() {
        bind(ServerSettings.class).toInstance(settings);
        bind(Settings.class).toInstance(settings.all());
        // a plain map, not a MapBinder (whose set-up cost ~10 ms of every start); each transport is made only when
        // chosen, and HTTP reads and checks its HTTP_* settings when it starts serving
        Map<String, Supplier<ServerTransport>> transports = new LinkedHashMap<>();
        transports.put("stdio", () -> new StdioServer(stdin, stdout, settings.stdioDrainLimit()));
        transports.put("http", () -> new HttpServer(settings.all()));
        bind(TransportRegistry.class).toInstance(new TransportRegistry(transports));
        bind(AuditLog.class).toProvider((Provider<AuditLog>) () -> new JsonLinesAuditLog(settings.auditLog(),
                settings.auditLogMaxBytes(), 5)).in(Singleton.class);
        Provider<AuditLog> auditLog = getProvider(AuditLog.class);
        bind(ToolHost.class).toProvider((Provider<ToolHost>) () -> toolHost(auditLog.get())).in(Singleton.class);
        Provider<ToolHost> host = getProvider(ToolHost.class);
        bind(McpServerAssembler.class).toProvider((Provider<McpServerAssembler>) () -> new McpServerAssembler(host.get(),
                VersionProvider.version(), StartupWarmup.jsonMapper())).in(Singleton.class);
    }

    private ToolHost toolHost(AuditLog auditLog) {
        ProviderDiscovery discovery = new ProviderDiscovery();
        ClassLoader hostLoader = ServerModule.class.getClassLoader();
        List<DiscoveredProvider> providers = new ArrayList<>(discovery.fromClassPath(hostLoader));
        List<Path> pluginDirs = new ArrayList<>(settings.pluginDirs());
        pluginDirs.addAll(extraPluginDirs);
        providers.addAll(discovery.fromPluginFolders(pluginDirs, hostLoader));
        AtomicReference<ToolHost> opened = new AtomicReference<>();
        providers.add(0, new DiscoveredProvider(new ServerInfoProvider(VersionProvider.version(), pluginDirs,
                discovery.problems(), opened::get), "host", true));
        opened.set(ToolHost.open(providers, new HostContexts(settings.all(), settings.stateDirectory(), auditLog)));
        return opened.get();
    }
}
