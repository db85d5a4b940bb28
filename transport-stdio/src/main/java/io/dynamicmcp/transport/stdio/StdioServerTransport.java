package io.dynamicmcp.transport.stdio;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.core.mcp.CallOrigin;
import io.dynamicmcp.core.mcp.InFlightCalls;
import io.dynamicmcp.core.mcp.ModernRequests;
import io.dynamicmcp.core.mcp.ProtocolEra;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over a pair of streams, one JSON-RPC message a line, in both protocol eras at once: a request whose
 * {@code _meta} names its protocol version (or a method only 2026-07-28 has) goes to the stateless server, anything
 * else to the one initialize-era session of this process. Every call's caller is {@link #CALLER_ID}: the process.
 * {@link #serve(Duration)} reads until the input ends, then waits for every request already read to be answered.
 */
public final class StdioServerTransport implements McpServerTransportProvider {

    /** The caller every request of this process is: one process serves one client. */
    public static final String CALLER_ID = "stdio";

    private static final Logger LOG = LoggerFactory.getLogger(StdioServerTransport.class);

    private final McpJsonMapper mapper;
    private final InFlightCalls inFlight;
    private final LineReader reader;
    private final LineWriter writer;
    private final PendingRequests pending = new PendingRequests();
    private final ModernDispatch modernDispatch;
    private volatile McpServerSession session;
    private volatile boolean initialized;
    private Runnable afterFirstListing;

    /**
     * @param modern the stateless 2026-07-28 server, got at the first request of that revision
     * @param afterFirstListing run once, after the first request other than {@code initialize} was handled (the
     *     client then knows the tools: see {@link io.dynamicmcp.core.mcp.McpServerAssembler#prepareForCalls})
     */
    public StdioServerTransport(McpJsonMapper mapper, InputStream in, OutputStream out, InFlightCalls inFlight,
            Supplier<ModernRequests> modern, int maxMessageBytes, Runnable afterFirstListing) {
        this.afterFirstListing = requireNonNull(afterFirstListing, "afterFirstListing is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.inFlight = requireNonNull(inFlight, "inFlight is null");
        requireNonNull(modern, "modern is null");
        this.reader = new LineReader(requireNonNull(in, "in is null"), maxMessageBytes);
        this.writer = new LineWriter(mapper, requireNonNull(out, "out is null"));
        this.modernDispatch = new ModernDispatch(modern, writer, pending, CALLER_ID);
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        this.session = sessionFactory.create(new SessionTransport());
    }

    /**
     * Reads and dispatches messages until the input ends, ends {@code subscriptions/listen} streams, then waits up to
     * {@code drainLimit} for the answers to every request read.
     *
     * @return whether every request was answered
     */
    public boolean serve(Duration drainLimit) throws IOException {
        requireNonNull(session, "no session: build the server first");
        LineReader.Line line;
        while ((line = reader.next()) != null && !writer.broken()) {
            if (line.tooLong()) {
                writeError(null, McpSchema.ErrorCodes.INVALID_REQUEST,
                        "message larger than " + reader.maxBytes() + " bytes; send smaller requests");
                continue;
            }
            if (!line.text().isBlank()) {
                dispatch(line.text());
            }
        }
        LOG.debug("input ended; waiting for {} pending answers", pending.count());
        modernDispatch.endStreams();
        boolean drained = pending.awaitNone(drainLimit);
        if (!drained) {
            LOG.warn("input ended but {} requests were still running after {}; cancelling them", pending.count(), drainLimit);
            inFlight.cancelAll();
        }
        return drained;
    }

    private void dispatch(String text) {
        LOG.debug("received {}", text);
        McpSchema.JSONRPCMessage message;
        try {
            message = JsonRpcMessages.read(mapper, text);
        } catch (IOException | RuntimeException e) {
            rejectMalformed(text, e);
            return;
        }
        if (message instanceof McpSchema.JSONRPCNotification notification
                && "notifications/cancelled".equals(notification.method())) {
            cancel(notification);
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest request && ProtocolEra.isModern(request.method(), request.params())) {
            modernDispatch.dispatch(new JsonRpc.JSONRPCRequest(request.method(), request.id(), request.params()));
            handled(request);
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest request && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            initialized = true;
            LOG.info("client {}", ClientDescription.of(request.params()));
        }
        Mono<Void> handling = session.handle(message);
        if (message instanceof McpSchema.JSONRPCRequest request) {
            pending.started();
            McpTransportContext context = new CallOrigin(CALLER_ID, CALLER_ID, request.id()).context();
            handling = handling
                    .contextWrite(reactor -> reactor.put(McpTransportContext.KEY, context))
                    .doFinally(signal -> pending.finished());
        }
        handling.subscribe(null, error -> LOG.warn("handling {} failed: {}", describe(message), error.toString()));
        if (message instanceof McpSchema.JSONRPCRequest request) {
            handled(request);
        }
    }

    /** On the reading thread only. */
    private void handled(McpSchema.JSONRPCRequest request) {
        if (afterFirstListing != null && !McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            Runnable once = afterFirstListing;
            afterFirstListing = null;
            once.run();
        }
    }

    private void cancel(McpSchema.JSONRPCNotification notification) {
        Object requestId = notification.params() instanceof Map<?, ?> params ? params.get("requestId") : null;
        if (requestId == null) {
            return;
        }
        // a 2026-07-28 request first: its answer must be dropped before its tool learns of the cancellation and returns
        boolean cancelled = modernDispatch.cancel(requestId);
        cancelled |= inFlight.cancel(CALLER_ID, requestId);
        if (cancelled) {
            LOG.debug("cancelled request {}", requestId);
        }
    }

    private void rejectMalformed(String text, Exception e) {
        Object id = null;
        try {
            Map<String, Object> map = mapper.readValue(text, new TypeRef<Map<String, Object>>() { });
            id = map.get("id");
        } catch (IOException | RuntimeException notJson) {
            writeError(null, McpSchema.ErrorCodes.PARSE_ERROR, "Parse error: the line is not valid JSON");
            return;
        }
        writeError(id, McpSchema.ErrorCodes.INVALID_REQUEST,
                "Invalid request: not a JSON-RPC 2.0 message (" + e.getMessage() + ")");
    }

    /** Writes an error answer; unlike the SDK's response type this allows the null id JSON-RPC requires here. */
    private void writeError(Object id, int code, String message) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", id);
        response.put("error", Map.of("code", code, "message", message));
        writer.write(response);
    }

    private static String describe(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request) {
            return request.method() + " #" + request.id();
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            return notification.method();
        }
        return message.getClass().getSimpleName();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.closeGracefully();
    }

    /** The SDK session's view of this transport. */
    private final class SessionTransport implements McpServerTransport {

        /** Writes what the session sends; its notifications only once a client opened it with initialize. */
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            if (message instanceof McpSchema.JSONRPCNotification && !initialized) {
                return Mono.empty();
            }
            return Mono.fromRunnable(() -> writer.write(message));
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return mapper.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
