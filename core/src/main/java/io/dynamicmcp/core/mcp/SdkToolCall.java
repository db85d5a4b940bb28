package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.LogLevel;
import io.dynamicmcp.spi.ToolCall;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link ToolCall} backed by the exchange of the SDK's initialize-era server with the client. */
final class SdkToolCall implements ToolCall {

    private static final Logger LOG = LoggerFactory.getLogger(SdkToolCall.class);

    private final McpSyncServerExchange exchange;
    private final CallOrigin origin;
    private final McpSchema.CallToolRequest request;
    private final Arguments arguments;
    private final CallCancellation cancellation;
    private final Object progressToken;

    SdkToolCall(McpSyncServerExchange exchange, CallOrigin origin, McpSchema.CallToolRequest request,
            CallCancellation cancellation) {
        this.exchange = exchange;
        this.origin = origin;
        this.request = request;
        this.arguments = new Arguments(request.arguments());
        this.cancellation = cancellation;
        this.progressToken = request.meta() == null ? null : request.meta().get("progressToken");
    }

    @Override
    public String toolName() {
        return request.name();
    }

    @Override
    public Arguments arguments() {
        return arguments;
    }

    @Override
    public String callerId() {
        return origin.callerId();
    }

    @Override
    public CallCancellation cancellation() {
        return cancellation;
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (progressToken == null) {
            return;
        }
        try {
            exchange.progressNotification(McpSchema.ProgressNotification.builder(progressToken, progress)
                    .total(total).message(message).build());
        } catch (RuntimeException e) {
            LOG.debug("progress notification not delivered: {}", e.getMessage());
        }
    }

    @Override
    @SuppressWarnings("deprecation") // logging: deprecated by MCP 2026-07-28, still part of the revisions served here
    public void log(LogLevel level, String message) {
        try {
            exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder(toSdk(level), message)
                    .logger(request.name())
                    .build());
        } catch (RuntimeException e) {
            LOG.debug("log notification not delivered: {}", e.getMessage());
        }
    }

    private static McpSchema.LoggingLevel toSdk(LogLevel level) {
        return switch (level) {
            case DEBUG -> McpSchema.LoggingLevel.DEBUG;
            case INFO -> McpSchema.LoggingLevel.INFO;
            case NOTICE -> McpSchema.LoggingLevel.NOTICE;
            case WARNING -> McpSchema.LoggingLevel.WARNING;
            case ERROR -> McpSchema.LoggingLevel.ERROR;
        };
    }
}
