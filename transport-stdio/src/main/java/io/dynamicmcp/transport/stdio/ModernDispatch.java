package io.dynamicmcp.transport.stdio;

import io.dynamicmcp.core.mcp.CallOrigin;
import io.dynamicmcp.core.mcp.ModernRequests;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.server.McpHeaders;
import io.modelcontextprotocol.modern.server.McpTransportResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Serves 2026-07-28 requests read from stdin: each goes to the stateless server with the process as its caller, and
 * whatever it answers (a result, an error, or a stream of notifications ending in one) is written as it comes.
 * {@code notifications/cancelled} stops the request: a tool call is cancelled, a {@code subscriptions/listen} stream
 * ends, and nothing more is written for it.
 */
final class ModernDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(ModernDispatch.class);

    private final Supplier<ModernRequests> server;
    private final LineWriter writer;
    private final PendingRequests pending;
    private final String callerId;
    private final Map<Object, Disposable> running = new ConcurrentHashMap<>();
    private volatile boolean used;

    /**
     * @param server the stateless server, got at the first 2026-07-28 request (a client of the older revisions never
     *     makes one, and the process need not build it)
     */
    ModernDispatch(Supplier<ModernRequests> server, LineWriter writer, PendingRequests pending, String callerId) {
        this.server = server;
        this.writer = writer;
        this.pending = pending;
        this.callerId = callerId;
    }

    void dispatch(JsonRpc.JSONRPCRequest request) {
        Object key = key(request.id());
        if (running.containsKey(key)) {
            writer.write(JsonRpc.JSONRPCResponse.error(request.id(), new JsonRpc.JSONRPCResponse.JSONRPCError(
                    -32600, "a request with id " + request.id() + " is still running: use another id")));
            return;
        }
        var context = new CallOrigin(callerId, callerId, request.id()).context()
                .putAll(Map.of(McpHeaders.TRANSPORT_CONTEXT_KEY, McpHeaders.NOT_MIRRORED));
        JsonRpc.JSONRPCResponse internalError = JsonRpc.JSONRPCResponse.error(request.id(),
                new JsonRpc.JSONRPCResponse.JSONRPCError(-32603, "Internal error"));
        pending.started();
        used = true;
        Disposable[] holder = new Disposable[1];
        Disposable subscription = server.get().handle(context, request)
                .flatMapMany(ModernDispatch::messages)
                .defaultIfEmpty(internalError)
                .onErrorResume(error -> {
                    LOG.warn("handling {} #{} failed", request.method(), request.id(), error);
                    return Flux.just(internalError);
                })
                .doFinally(signal -> {
                    running.remove(key, holder[0]);
                    pending.finished();
                })
                .subscribe(writer::write);
        holder[0] = subscription;
        if (!subscription.isDisposed()) {
            running.put(key, subscription);
        }
    }

    /** Ends every {@code subscriptions/listen} stream with its result, and refuses new ones: the input ended. */
    void endStreams() {
        if (used) {
            server.get().closeGracefully();
        }
    }

    /**
     * Stops the request with this id, if it is one of ours and still running.
     *
     * @return whether it was
     */
    boolean cancel(Object requestId) {
        Disposable subscription = running.remove(key(requestId));
        if (subscription == null) {
            return false;
        }
        subscription.dispose();
        return true;
    }

    private static Flux<JsonRpc.JSONRPCMessage> messages(McpTransportResponse response) {
        if (response instanceof McpTransportResponse.Streaming streaming) {
            return streaming.messages();
        }
        if (response instanceof McpTransportResponse.Result result) {
            return Flux.just(result.response());
        }
        return Flux.just(((McpTransportResponse.Error) response).response());
    }

    private static Object key(Object id) {
        // JSON-RPC ids are strings or numbers; 7 and 7.0 arrive differently from different parsers
        return id instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue())
                : String.valueOf(id);
    }
}
