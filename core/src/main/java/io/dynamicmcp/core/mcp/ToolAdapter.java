package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.CallCancellation.Reason;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes one SPI {@link Tool} through the SDK and turns every outcome of a call into a tool result. */
final class ToolAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ToolAdapter.class);

    private final Tool tool;
    private final InFlightCalls inFlight;
    private final ScheduledExecutorService timer;

    ToolAdapter(Tool tool, InFlightCalls inFlight, ScheduledExecutorService timer) {
        this.tool = tool;
        this.inFlight = inFlight;
        this.timer = timer;
    }

    SyncToolSpecification specification() {
        return SyncToolSpecification.builder().tool(describe(tool)).callHandler(this::call).build();
    }

    static McpSchema.Tool describe(Tool tool) {
        ToolAnnotations hints = tool.annotations();
        McpSchema.Tool.Builder builder = McpSchema.Tool.builder(tool.name(), tool.inputSchema())
                .title(tool.title())
                .description(tool.description())
                .annotations(new McpSchema.ToolAnnotations(tool.title(), hints.readOnly(), hints.destructive(),
                        hints.idempotent(), hints.openWorld(), null));
        tool.outputSchema().ifPresent(builder::outputSchema);
        return builder.build();
    }

    private CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object requestId = exchange.transportContext().get(InFlightCalls.REQUEST_ID);
        return run(exchange.sessionId(), requestId, cancellation -> new SdkToolCall(exchange, request, cancellation));
    }

    /** Calls the tool outside MCP (e.g. a REST request), with the same cancellation, timeout and error handling. */
    CallToolResult callDirect(String callerId, Object requestId, Map<String, Object> arguments) {
        return run(callerId, requestId, cancellation -> new DirectToolCall(tool.name(), arguments, callerId, cancellation));
    }

    private CallToolResult run(String session, Object requestId, Function<CallCancellation.Trigger, ToolCall> newCall) {
        CallCancellation.Trigger cancellation = inFlight.register(session, requestId);
        ScheduledFuture<?> deadline = tool.timeout()
                .map(t -> timer.schedule(() -> cancellation.cancel(Reason.TIMED_OUT), t.toMillis(), TimeUnit.MILLISECONDS))
                .orElse(null);
        try {
            return toSdk(tool.handler().call(newCall.apply(cancellation)));
        } catch (ToolException e) {
            return error(e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.error("tool {} failed", tool.name(), e);
            return error("internal error in tool " + tool.name() + ": " + e + ". The server is still running;"
                    + " the server log has the details.");
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            inFlight.unregister(session, requestId, cancellation);
        }
    }

    private static CallToolResult toSdk(ToolResult result) {
        CallToolResult.Builder builder = CallToolResult.builder().addTextContent(result.text()).isError(result.isError());
        result.structured().ifPresent(builder::structuredContent);
        return builder.build();
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
