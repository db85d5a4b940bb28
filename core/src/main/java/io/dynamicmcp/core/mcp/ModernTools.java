package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpAsyncResponse;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.feature.McpAsyncTool;
import io.modelcontextprotocol.modern.server.feature.McpAsyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import reactor.core.publisher.Mono;

/**
 * The tools as the 2026-07-28 server lists and calls them. Every call answers with a stream: progress and log
 * messages can go before the result, and over HTTP the stream's keep-alives notice a client that went away, which
 * cancels the call as the revision requires (closing the stream is the cancellation). Calls run on {@code calls},
 * except those of a tool that {@linkplain io.dynamicmcp.spi.Tool#answersAtOnce() answers at once}, which run on the
 * thread that subscribes: the one that received the request.
 */
final class ModernTools implements McpAsyncToolRepository {

    /** The tools are fixed while the server runs: clients may keep the list an hour. */
    static final long LIST_TTL_MS = 3_600_000;

    private final Map<String, McpAsyncTool> tools = new LinkedHashMap<>();
    private final ToolsPage page;
    private final Executor calls;
    private final InFlightCalls inFlight;

    ModernTools(List<ToolRunner> runners, Executor calls, InFlightCalls inFlight) {
        this.calls = calls;
        this.inFlight = inFlight;
        for (ToolRunner runner : runners) {
            tools.put(runner.tool().name(), McpAsyncTool.of(ModernDefinitions.tool(runner.tool()),
                    (context, request) -> call(runner, context, request)));
        }
        page = new ToolsPage(tools.values().stream().map(McpAsyncTool::definition).toList(), null, LIST_TTL_MS,
                McpSchema.CacheScope.PUBLIC);
    }

    @Override
    public Mono<ToolsPage> list(McpRequestContext context, String cursor) {
        return Mono.just(page);
    }

    @Override
    public Mono<McpAsyncTool> find(McpRequestContext context, String name) {
        return Mono.justOrEmpty(tools.get(name));
    }

    private Mono<McpAsyncResponse<McpSchema.CallToolOutcome>> call(ToolRunner runner, McpRequestContext context,
            McpSchema.CallToolRequest request) {
        CallOrigin origin = CallOrigin.of(context);
        if (runner.tool().answersAtOnce()) {
            return Mono.just(McpAsyncResponse.streaming(notifier -> Mono.fromCallable(() -> (McpSchema.CallToolOutcome)
                    ModernDefinitions.result(runner.run(origin, cancellation -> new ModernToolCall(context, notifier,
                            origin, request, cancellation))))));
        }
        // a future, not subscribeOn: cancelling a subscribeOn task interrupts the tool's thread (pty reads and all);
        // cancelling a CompletableFuture never does, the call's own cancellation tells the tool to stop
        return Mono.just(McpAsyncResponse.streaming(notifier -> Mono
                .fromFuture(() -> CompletableFuture.supplyAsync(() -> (McpSchema.CallToolOutcome) ModernDefinitions
                        .result(runner.run(origin, cancellation -> new ModernToolCall(context, notifier, origin, request,
                                cancellation))), calls))
                .doOnCancel(() -> inFlight.cancel(origin.scope(), origin.requestId()))));
    }
}
