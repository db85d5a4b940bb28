package io.dynamicmcp.transport.http;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/**
 * A tiny provider for the transport tests: echo (which answers at once), a slow tool that runs until cancelled, one that breaks, handles a
 * caller opens and only it can use (as a backend's crash sessions), and notes as resources ({@code note://NAME}); an
 * open handle is a note too, listed to and read by its owner only.
 */
final class TestTools implements ToolProvider {

    /** Caller ids the echo tool saw, in order. */
    final BlockingQueue<String> echoCallers = new LinkedBlockingQueue<>();
    /** The thread each tool's latest call ran on, by tool name. */
    final Map<String, String> callThreads = new ConcurrentHashMap<>();
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
    /** Handles opened with open_handle, and the caller that owns each, as a backend keeps its sessions. */
    final Map<String, String> handles = new ConcurrentHashMap<>();
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
                .lister(() -> Stream.concat(notes.keySet().stream().map(name -> new ResourceSource.Resource("note://"
                        + name, name, "Note " + name, "The note " + name, null)), handles.entrySet().stream()
                        .map(handle -> new ResourceSource.Resource("note://" + handle.getKey(), handle.getKey(),
                                "Handle", "An open handle", null, handle.getValue()))).toList())
                .reader((uri, caller) -> {
                    noteReaders.add(caller);
                    String name = uri.substring("note://".length());
                    if (handles.containsKey(name) && !handles.get(name).equals(caller) || name.startsWith("h-")
                            && !handles.containsKey(name)) {
                        throw new ToolException("no note at " + uri);
                    }
                    return notes.getOrDefault(name, "handle " + name);
                })
                .build();
        Tool echo = Tool.builder("echo").title("Echo").description("Answers its text argument.")
                .inputSchema(JsonSchema.object().property("text", JsonSchema.string()).required("text").build())
                .answersAtOnce()
                .handler(call -> {
                    callThreads.put("echo", Thread.currentThread().getName());
                    echoCallers.add(call.callerId());
                    return ToolResult.text(call.arguments().requiredString("text"));
                })
                .build();
        Tool slow = Tool.builder("slow").title("Slow").description("Reports that it started, then runs until it is cancelled.")
                .inputSchema(JsonSchema.object().build())
                .handler(call -> {
                    CountDownLatch stopped = new CountDownLatch(1);
                    try (AutoCloseable ignored = call.cancellation().onCancel(stopped::countDown)) {
                        call.progress(0, null, "started");
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
        Tool open = Tool.builder("open_handle").title("Open handle").description("Opens a handle the caller owns.")
                .inputSchema(JsonSchema.object().build())
                .handler(call -> {
                    callThreads.put("open_handle", Thread.currentThread().getName());
                    String id = "h-" + UUID.randomUUID();
                    handles.put(id, call.callerId());
                    context.resourcesChanged();
                    return ToolResult.success("opened " + id, Map.of("handle", id));
                })
                .build();
        Tool use = Tool.builder("use_handle").title("Use handle").description("Uses a handle of the caller's.")
                .inputSchema(JsonSchema.object().property("handle", JsonSchema.string()).required("handle").build())
                .handler(call -> {
                    String id = call.arguments().requiredString("handle");
                    if (!call.callerId().equals(handles.get(id))) {
                        throw new ToolException("no such handle: " + id);
                    }
                    return ToolResult.text("used " + id);
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
                return List.of(echo, slow, broken, open, use);
            }

            @Override
            public List<ResourceSource> resources() {
                return List.of(noteSource);
            }

            @Override
            public void callerEnded(String callerId) {
                handles.values().removeIf(callerId::equals);
                endedCallers.add(callerId);
            }

            @Override
            public void close() {
            }
        };
    }
}
