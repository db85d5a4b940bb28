package io.dynamicmcp.transport.stdio;

import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Tools for transport tests: echo, a slow tool that honours cancellation, and two failing ones. */
final class TestTools implements ToolProvider {

    final CountDownLatch slowStarted = new CountDownLatch(1);
    /** How each call of the slow tool ended, as it ended. */
    final BlockingQueue<String> slowEnded = new LinkedBlockingQueue<>();

    @Override
    public String id() {
        return "test-tools";
    }

    @Override
    public ToolSet open(ProviderContext context) {
        Tool echo = tool("echo").inputSchema(JsonSchema.object()
                        .property("text", JsonSchema.string().description("text")).required("text").build())
                .outputSchema(JsonSchema.object().property("echo", JsonSchema.string()).required("echo").build())
                .handler(call -> {
                    String text = call.arguments().requiredString("text");
                    return ToolResult.success("echo: " + text, Map.of("echo", text));
                }).build();
        Tool slow = tool("slow").handler(call -> {
            CountDownLatch cancelled = new CountDownLatch(1);
            call.cancellation().onCancel(cancelled::countDown);
            slowStarted.countDown();
            call.progress(0, 1.0, "started");
            try {
                boolean stopped = cancelled.await(30, TimeUnit.SECONDS);
                String ending = stopped ? "cancelled: " + call.cancellation().reason().orElseThrow() : "finished";
                slowEnded.add(ending);
                return ToolResult.text(ending);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ToolResult.error("interrupted");
            }
        }).build();
        Tool boom = tool("boom").handler(call -> {
            throw new IllegalStateException("kaboom");
        }).build();
        Tool refuse = tool("refuse").handler(call -> {
            throw new ToolException("refused: use echo instead");
        }).build();
        return new ToolSet() {
            @Override
            public List<Tool> tools() {
                return List.of(echo, slow, boom, refuse);
            }

            @Override
            public void close() {
            }
        };
    }

    private static Tool.Builder tool(String name) {
        return Tool.builder(name).title(name).description("test tool " + name).inputSchema(JsonSchema.object().build());
    }
}
