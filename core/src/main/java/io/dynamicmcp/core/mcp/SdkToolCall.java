package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.LogLevel;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link io.dynamicmcp.spi.ToolCall} backed by the exchange of the SDK's initialize-era server with the client. */
final class SdkToolCall extends AbstractToolCall {

    private static final Logger LOG = LoggerFactory.getLogger(SdkToolCall.class);

    private final McpSyncServerExchange exchange;
    private final Object progressToken;

    SdkToolCall(McpSyncServerExchange exchange, CallOrigin origin, McpSchema.CallToolRequest request,
            CallCancellation cancellation) {
        super(request.name(), request.arguments(), origin.callerId(), cancellation);
        this.exchange = exchange;
        this.progressToken = request.meta() == null ? null : request.meta().get("progressToken");
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (progressToken == null) {
            return;
        }
        try {
            exchange.progressNotification(McpSchema.ProgressNotification.builder(progressToken, increasing(progress))
                    .total(total).message(message).build());
        } catch (RuntimeException e) {
            LOG.debug("progress notification not delivered: {}", e.getMessage());
        }
    }

    @Override
    @SuppressWarnings("deprecation") // logging: deprecated by MCP 2026-07-28, still part of the revisions served here
    public void log(LogLevel level, String message) {
        try {
            exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder(
                    McpSchema.LoggingLevel.valueOf(level.name()), message)
                    .logger(toolName())
                    .build());
        } catch (RuntimeException e) {
            LOG.debug("log notification not delivered: {}", e.getMessage());
        }
    }
}
