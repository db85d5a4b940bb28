package io.dynamicmcp.transport.http;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.core.host.StartupException;
import io.dynamicmcp.core.mcp.CallOrigin;
import io.dynamicmcp.core.mcp.InFlightCalls;
import io.dynamicmcp.core.mcp.McpServerAssembler;
import io.dynamicmcp.core.mcp.ProtocolEra;
import io.dynamicmcp.core.mcp.ServerTransport;
import io.dynamicmcp.spi.Settings;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the tools over HTTP on embedded Jetty: Streamable HTTP at {@value #MCP_PATH} in protocol 2026-07-28
 * (stateless) and the initialize-era revisions (sessions) alike, each request served in the revision it speaks; the
 * legacy HTTP+SSE transport at {@value #SSE_PATH} (messages to {@value #MESSAGE_PATH}); the seed's REST interface
 * under {@code /api}; and {@value RequestGuard#HEALTH_PATH}. {@link #serve} blocks until the JVM is asked to stop (or
 * {@link #stop()} is called), then drains running calls for a bounded time, ends every stream, session and caller,
 * and returns.
 */
public final class HttpServer implements ServerTransport {

    public static final String MCP_PATH = "/mcp";
    public static final String SSE_PATH = "/sse";
    public static final String MESSAGE_PATH = "/messages";
    public static final String TOOLS_PATH = "/api/tools";
    public static final String CALL_PATH = "/api/mcp";

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration CONNECTION_IDLE = Duration.ofMinutes(2);
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);
    /** Longest quiet time on a 2026-07-28 response stream: a client that closed it is noticed (and its call
     * cancelled) at the next keep-alive. */
    private static final Duration STREAM_KEEP_ALIVE = Duration.ofSeconds(5);

    private final Settings settings;
    private final CompletableFuture<URI> started = new CompletableFuture<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean draining;
    private volatile boolean signalled;

    public HttpServer(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public String name() {
        return "http";
    }

    /** Waits until the server listens; returns its base address, e.g. {@code http://127.0.0.1:8080}. */
    public URI awaitStarted(Duration limit) throws InterruptedException, TimeoutException {
        try {
            return started.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the server did not start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Asks {@link #serve} to drain and return, as SIGTERM does. */
    public void stop() {
        stopRequested.countDown();
    }

    @Override
    public void serve(McpServerAssembler assembler) throws Exception {
        try {
            run(assembler);
        } catch (Exception | Error e) {
            started.completeExceptionally(e);
            throw e;
        } finally {
            finished.countDown();
        }
    }

    @SuppressWarnings("deprecation") // the legacy SSE transport: deprecated in the SDK, kept for older clients
    private void run(McpServerAssembler assembler) throws Exception {
        HttpSettings config = HttpSettings.from(settings);
        // let the drain below finish calls that drive child processes before the reaper kills what is left
        assembler.host().setShutdownGrace(config.drainTimeout().plusSeconds(10));
        Callers callers = new Callers(config.sessionIdleTimeout(), assembler.host()::callerEnded);
        McpSessions sessions = new McpSessions(config.maxSessions(), config.sessionIdleTimeout(), callers);
        HttpServletMcpTransport modern = HttpServletMcpTransport.builder(assembler.modern())
                .jsonMapper(assembler.jsonMapper())
                .endpoint(MCP_PATH)
                .contextExtractor(HttpServer::transportContext)
                // RequestGuard checks Host and Origin for every endpoint; the SDK's default refuses any Origin
                .httpHeaderValidator(ServerHttpHeaderValidator.NOOP)
                .maxRequestSize(config.maxBodyBytes())
                .keepAliveInterval(config.keepAlive().compareTo(STREAM_KEEP_ALIVE) < 0 ? config.keepAlive()
                        : STREAM_KEEP_ALIVE)
                .build();
        HttpServletStreamableServerTransportProvider streamable = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(assembler.jsonMapper())
                .mcpEndpoint(MCP_PATH)
                .contextExtractor(HttpServer::transportContext)
                .maxRequestSize(config.maxBodyBytes())
                .keepAliveInterval(config.keepAlive())
                .sessionSweepInterval(config.sessionIdleTimeout())
                .build();
        HttpServletSseServerTransportProvider sse = HttpServletSseServerTransportProvider.builder()
                .jsonMapper(assembler.jsonMapper())
                .sseEndpoint(SSE_PATH)
                .messageEndpoint(MESSAGE_PATH)
                .contextExtractor(HttpServer::transportContext)
                .maxRequestSize(config.maxBodyBytes())
                .keepAliveInterval(config.keepAlive())
                .build();
        // both transports block the request's thread until the answer is written, so a call runs on that thread
        // rather than being handed to a Reactor worker and waited for
        McpSyncServer streamableServer = assembler.assemble(
                McpServer.sync(new TrackedStreamableProvider(streamable, sessions)).immediateExecution(true));
        McpSyncServer sseServer = assembler.assemble(
                McpServer.sync(new TrackedSseProvider(sse, sessions)).immediateExecution(true));

        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(CONNECTION_IDLE.toMillis());
        jetty.addConnector(connector);
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "http-session-expiry");
            thread.setDaemon(true);
            return thread;
        });
        Thread hook = new Thread(this::stopFromSignal, "http-shutdown");
        try {
            open(connector, config);
            int port = connector.getLocalPort();
            OriginPolicy origins = OriginPolicy.of(config, port);
            RequestGuard guard = new RequestGuard(config.tokens(), origins, config.maxBodyBytes(), () -> draining);
            jetty.setHandler(context(guard, sessions, callers, modern, streamable, sse, assembler));
            jetty.setErrorHandler(new JsonErrorHandler());
            jetty.start();
            long sweepMillis = Math.max(250, config.sessionIdleTimeout().toMillis() / 4);
            sweeper.scheduleWithFixedDelay(() -> {
                sessions.expireIdle();
                callers.expireIdle();
            }, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
            Runtime.getRuntime().addShutdownHook(hook);
            URI base = URI.create("http://" + hostLiteral(config.host()) + ":" + port);
            LOG.info("listening on {}{} (Streamable HTTP: {} and, through initialize, {}), {}{} (legacy SSE), {}/api"
                    + " (REST); {}", base, MCP_PATH, ProtocolEra.MODERN_VERSION, String.join(", ", ProtocolEra.LEGACY_VERSIONS),
                    base, SSE_PATH, base, config.tokens().map(t -> t.size() + " bearer token(s), one identity each")
                            .orElse("no token (loopback only): 2026-07-28 and REST clients are one caller"));
            started.complete(base);
            assembler.prepareForCalls(); // a server of many clients: no one client's first answers to wait for
            awaitStop();
            drain(assembler.inFlightCalls(), config.drainTimeout());
        } finally {
            draining = true;
            sweeper.shutdownNow();
            modern.closeGracefully();
            sessions.endAll("the server is shutting down");
            callers.endAll("the server is shutting down");
            closeQuietly(streamableServer);
            closeQuietly(sseServer);
            jetty.stop();
            removeHook(hook);
            if (signalled) {
                // the JVM exits once the shutdown hook returns: close the backends (and their children) now
                assembler.host().close();
            }
        }
    }

    private static void open(ServerConnector connector, HttpSettings config) {
        try {
            connector.open();
        } catch (java.io.IOException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StartupException("cannot listen on " + config.host() + ":" + config.port() + " ("
                    + cause.getMessage() + "): choose another --port or stop what uses it");
        }
    }

    @SuppressWarnings("deprecation")
    private ServletContextHandler context(RequestGuard guard, McpSessions sessions, Callers callers,
            HttpServletMcpTransport modern, HttpServletStreamableServerTransportProvider streamable,
            HttpServletSseServerTransportProvider sse, McpServerAssembler assembler) {
        InFlightCalls inFlight = assembler.inFlightCalls();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());
        addFilter(context, guard, "/*");
        addFilter(context, new ModernEndpointFilter(modern, callers), MCP_PATH);
        addFilter(context, new StreamableEndpointFilter(sessions, inFlight), MCP_PATH);
        SseEndpointFilter sseFilter = new SseEndpointFilter(sessions, inFlight);
        addFilter(context, sseFilter, SSE_PATH);
        addFilter(context, sseFilter, MESSAGE_PATH);
        addServlet(context, streamable, MCP_PATH);
        ServletHolder sseHolder = addServlet(context, sse, SSE_PATH);
        context.getServletHandler().addServletWithMapping(sseHolder, MESSAGE_PATH);
        addServlet(context, new RestServlet(assembler, callers), "/api/*");
        addServlet(context, new HealthServlet(), RequestGuard.HEALTH_PATH);
        return context;
    }

    private static void addFilter(ServletContextHandler context, Filter filter, String path) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, path, EnumSet.of(DispatcherType.REQUEST));
    }

    private static ServletHolder addServlet(ServletContextHandler context, Servlet servlet, String path) {
        ServletHolder holder = new ServletHolder(servlet);
        // the SDK's servlets stream with startAsync; without this every request after initialize fails with 500
        holder.setAsyncSupported(true);
        context.addServlet(holder, path);
        return holder;
    }

    /** The caller, scope and JSON-RPC id the endpoint filters recorded on the request, for the tool handlers. */
    private static McpTransportContext transportContext(HttpServletRequest request) {
        Map<String, Object> values = new HashMap<>(4);
        for (String key : List.of(CallOrigin.CALLER_ID, CallOrigin.SCOPE, CallOrigin.REQUEST_ID)) {
            Object value = request.getAttribute(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return values.isEmpty() ? McpTransportContext.EMPTY : McpTransportContext.create(values);
    }

    private void awaitStop() throws InterruptedException {
        stopRequested.await();
        LOG.info("stopping: no new requests; waiting for running calls");
    }

    /** Waits for running tool calls up to the limit, then cancels the rest and gives them a moment to return. */
    private void drain(InFlightCalls inFlight, Duration limit) throws InterruptedException {
        draining = true;
        if (!awaitNoCalls(inFlight, limit)) {
            LOG.warn("{} calls still running after {} s (HTTP_DRAIN_TIMEOUT); cancelling them", inFlight.size(),
                    limit.toSeconds());
            inFlight.cancelAll();
            awaitNoCalls(inFlight, CANCEL_GRACE);
        }
    }

    private static boolean awaitNoCalls(InFlightCalls inFlight, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.size() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Runs in the JVM's shutdown hook: asks {@link #serve} to stop and waits until it has. */
    private void stopFromSignal() {
        signalled = true;
        stop();
        try {
            if (!finished.await(5, TimeUnit.MINUTES)) {
                LOG.warn("the HTTP server did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what stopped us
        }
    }

    private static void closeQuietly(McpSyncServer server) {
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            LOG.debug("closing the MCP server failed: {}", e.toString());
        }
    }

    private static String hostLiteral(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
