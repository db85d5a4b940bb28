package io.dynamicmcp.transport.http;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A tiny provider for the transport tests: echo, a slow tool that runs until cancelled, one that breaks, and notes
 * as resources ({@code note://NAME}).
 */
final class TestTools implements ToolProvider {

    /** Caller ids the echo tool saw, in order. */
    final BlockingQueue<String> echoCallers = new LinkedBlockingQueue<>();
    /** Caller ids the host was told had ended. */
    final BlockingQueue<String> endedCallers = new LinkedBlockingQueue<>();
    /** Counted down each time the slow tool starts. */
    volatile CountDownLatch slowStarted = new CountDownLatch(1);
    /** Why each slow call ended. */
    final BlockingQueue<CallCancellation.Reason> slowEndings = new LinkedBlockingQueue<>();
    /** The notes listed as resources, by name; call {@link #notesChanged()} after changing them. */
    final Map<String, String> notes = new ConcurrentSkipListMap<>(Map.of("a", "alpha"));
    /** Caller ids that read a note, in order. */
    final BlockingQueue<String> noteReaders = new LinkedBlockingQueue<>();
    private volatile ProviderContext context;

    void notesChanged() {
        context.resourcesChanged();
    }

    @Override
    public String id() {
        return "test";
    }

    @Override
    public ToolSet open(ProviderContext context) {
        this.context = context;
        ResourceSource noteSource = ResourceSource.builder("note", "note://{name}").title("Notes")
                .description("Notes kept in memory").mimeType("text/plain")
                .lister(() -> notes.keySet().stream().map(name -> new ResourceSource.Resource("note://" + name, name,
                        "Note " + name, "The note " + name, null)).toList())
                .reader((uri, caller) -> {
                    noteReaders.add(caller);
                    return notes.getOrDefault(uri.substring("note://".length()), "");
                })
                .build();
        Tool echo = Tool.builder("echo").title("Echo").description("Answers its text argument.")
                .inputSchema(JsonSchema.object().property("text", JsonSchema.string()).required("text").build())
                .handler(call -> {
                    echoCallers.add(call.callerId());
                    return ToolResult.text(call.arguments().requiredString("text"));
                })
                .build();
        Tool slow = Tool.builder("slow").title("Slow").description("Runs until it is cancelled.")
                .inputSchema(JsonSchema.object().build())
                .handler(call -> {
                    CountDownLatch stopped = new CountDownLatch(1);
                    try (AutoCloseable ignored = call.cancellation().onCancel(stopped::countDown)) {
                        slowStarted.countDown();
                        stopped.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    CallCancellation.Reason reason = call.cancellation().reason().orElseThrow();
                    slowEndings.add(reason);
                    return ToolResult.error("cancelled: " + reason);
                })
                .build();
        Tool broken = Tool.builder("broken").title("Broken").description("Always fails with an internal error.")
                .inputSchema(JsonSchema.object().build())
                .handler(call -> {
                    throw new IllegalStateException("deliberate failure");
                })
                .build();
        return new ToolSet() {
            @Override
            public List<Tool> tools() {
                return List.of(echo, slow, broken);
            }

            @Override
            public List<ResourceSource> resources() {
                return List.of(noteSource);
            }

            @Override
            public void callerEnded(String callerId) {
                endedCallers.add(callerId);
            }

            @Override
            public void close() {
            }
        };
    }
}
