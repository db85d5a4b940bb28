package io.dynamicmcp.transport.http;

import io.dynamicmcp.core.config.LayeredSettings;
import io.dynamicmcp.core.host.DiscoveredProvider;
import io.dynamicmcp.core.host.HostContexts;
import io.dynamicmcp.core.host.ToolHost;
import io.dynamicmcp.core.mcp.McpServerAssembler;
import io.dynamicmcp.testkit.HttpMcpClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** An {@link HttpServer} on an ephemeral loopback port serving {@link TestTools}, stopped on close. */
final class RunningServer implements AutoCloseable {

    final TestTools tools = new TestTools();
    final HttpServer server;
    final URI base;
    final McpServerAssembler assembler;
    private final ToolHost host;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<?> serving;

    RunningServer(Path state, Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0"));
        settings.putAll(extra);
        LayeredSettings layered = LayeredSettings.of(List.of(settings));
        host = ToolHost.open(List.of(new DiscoveredProvider(tools, "test")),
                new HostContexts(layered, state, event -> { }));
        assembler = new McpServerAssembler(host, "test");
        server = new HttpServer(layered);
        serving = thread.submit(() -> {
            server.serve(assembler);
            return null;
        });
        base = server.awaitStarted(Duration.ofSeconds(60));
    }

    HttpMcpClient client() {
        return HttpMcpClient.of(base);
    }

    /** Stops the server as SIGTERM would and waits for {@code serve} to return. */
    void stop() throws Exception {
        server.stop();
        serving.get(2, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws Exception {
        try {
            if (!serving.isDone()) {
                stop();
            }
        } finally {
            thread.shutdownNow();
            assembler.close();
            host.close();
        }
    }
}
