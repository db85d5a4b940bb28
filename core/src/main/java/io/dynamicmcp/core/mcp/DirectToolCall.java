package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.LogLevel;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link io.dynamicmcp.spi.ToolCall} made outside MCP (REST): no client to send progress or log messages to. */
final class DirectToolCall extends AbstractToolCall {

    private static final Logger LOG = LoggerFactory.getLogger(DirectToolCall.class);

    DirectToolCall(String toolName, Map<String, Object> arguments, String callerId, CallCancellation cancellation) {
        super(toolName, arguments, callerId, cancellation);
    }

    @Override
    public void progress(double progress, Double total, String message) {
        LOG.debug("{} progress {}/{} {}", toolName(), progress, total, message);
    }

    @Override
    public void log(LogLevel level, String message) {
        LOG.debug("{} {}: {}", toolName(), level, message);
    }
}
