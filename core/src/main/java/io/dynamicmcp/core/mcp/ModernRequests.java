package io.dynamicmcp.core.mcp;

import static java.util.Objects.requireNonNull;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestManager;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpTransportResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What transports hand 2026-07-28 requests to: the SDK's stateless server, except that a
 * {@code subscriptions/listen} stream carries a change meant for one caller only to that caller (see
 * {@link ResourceListChange}), and that a tool call over HTTP that ends quickly without notifications is answered
 * with one JSON body rather than an event stream (see {@link QuickAnswers}).
 */
public final class ModernRequests implements McpRequestManager {

    /** How long a call may run and still be answered as one JSON body. */
    static final Duration QUICK = Duration.ofMillis(250);

    private final McpServer server;
    private final QuickAnswers quick = new QuickAnswers(QUICK);

    ModernRequests(McpServer server) {
        this.server = requireNonNull(server, "server is null");
    }

    @Override
    public Mono<McpTransportResponse> handle(McpTransportContext context, JsonRpc.JSONRPCRequest request) {
        return forCaller(server.handle(context, request), context, request);
    }

    /** What the HTTP transport calls (it waits for the answer's shape on the request's thread). */
    @Override
    public Mono<McpTransportResponse> handleBlocking(McpTransportContext context, JsonRpc.JSONRPCRequest request) {
        Mono<McpTransportResponse> answer = forCaller(server.handleBlocking(context, request), context, request);
        return McpSchema.METHOD_TOOLS_CALL.equals(request.method()) ? answer.flatMap(quick::shape) : answer;
    }

    @Override
    public Mono<Void> handleNotification(McpTransportContext context, JsonRpc.JSONRPCNotification notification) {
        return server.handleNotification(context, notification);
    }

    /** Ends every listen stream with its result; streams opened later end right after their acknowledgement. */
    public void closeGracefully() {
        server.closeGracefully();
    }

    private static Mono<McpTransportResponse> forCaller(Mono<McpTransportResponse> response,
            McpTransportContext context, JsonRpc.JSONRPCRequest request) {
        if (!McpSchema.METHOD_SUBSCRIPTIONS_LISTEN.equals(request.method())) {
            return response;
        }
        Object caller = context == null ? null : context.get(CallOrigin.CALLER_ID);
        return response.map(answer -> answer instanceof McpTransportResponse.Streaming stream
                ? McpTransportResponse.streaming(stream.messages().concatMap(message -> forCaller(message, caller)))
                : answer);
    }

    private static Flux<JsonRpc.JSONRPCMessage> forCaller(JsonRpc.JSONRPCMessage message, Object caller) {
        if (!(message instanceof JsonRpc.JSONRPCNotification notification)
                || !(notification.params() instanceof Map<?, ?> params)
                || !(params.get("_meta") instanceof Map<?, ?> meta) || !meta.containsKey(ResourceListChange.AUDIENCE)) {
            return Flux.just(message);
        }
        if (!meta.get(ResourceListChange.AUDIENCE).equals(caller)) {
            return Flux.empty();
        }
        Map<Object, Object> ownMeta = new LinkedHashMap<>(meta);
        ownMeta.remove(ResourceListChange.AUDIENCE);
        Map<Object, Object> ownParams = new LinkedHashMap<>(params);
        ownParams.put("_meta", ownMeta);
        return Flux.just(new JsonRpc.JSONRPCNotification(notification.method(), ownParams));
    }
}
