package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.LogLevel;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpAsyncNotifier;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link io.dynamicmcp.spi.ToolCall} of a 2026-07-28 request: progress and log messages go on the request's own
 * response stream, progress only when the request's {@code _meta} carries a progress token, log messages only at or
 * above the level its {@code _meta} names (none when it names none).
 */
final class ModernToolCall extends AbstractToolCall {

    private static final Logger LOG = LoggerFactory.getLogger(ModernToolCall.class);
    private static final Duration SEND_LIMIT = Duration.ofSeconds(10);

    private final McpRequestContext context;
    private final McpAsyncNotifier notifier;
    private final McpSchema.LoggingLevel logLevel;

    ModernToolCall(McpRequestContext context, McpAsyncNotifier notifier, CallOrigin origin,
            McpSchema.CallToolRequest request, CallCancellation cancellation) {
        super(request.name(), request.arguments(), origin.callerId(), cancellation);
        this.context = context;
        this.notifier = notifier;
        this.logLevel = logLevel(context);
    }

    @SuppressWarnings("deprecation") // logging: deprecated by 2026-07-28, still honoured when a client asks for it
    private static McpSchema.LoggingLevel logLevel(McpRequestContext context) {
        Object level = context.meta().get(McpSchema.MetaKeys.LOG_LEVEL);
        return level instanceof String name ? McpSchema.LoggingLevel.fromValue(name) : null;
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (context.progressToken() == null) {
            return;
        }
        try {
            notifier.progress(increasing(progress), total, message).block(SEND_LIMIT);
        } catch (RuntimeException e) {
            LOG.debug("progress notification not delivered: {}", e.getMessage());
        }
    }

    @Override
    public void log(LogLevel level, String message) {
        McpSchema.LoggingLevel sdkLevel = McpSchema.LoggingLevel.valueOf(level.name());
        if (logLevel == null || sdkLevel.level() < logLevel.level()) {
            return;
        }
        try {
            notifier.notify(McpSchema.METHOD_NOTIFICATION_MESSAGE,
                    new McpSchema.LoggingMessageParams(sdkLevel, toolName(), message)).block(SEND_LIMIT);
        } catch (RuntimeException e) {
            LOG.debug("log notification not delivered: {}", e.getMessage());
        }
    }
}
