package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.LogLevel;
import io.dynamicmcp.spi.ToolCall;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link ToolCall} made outside MCP (REST): no client to send progress or log messages to. */
final class DirectToolCall implements ToolCall {

    private static final Logger LOG = LoggerFactory.getLogger(DirectToolCall.class);

    private final String toolName;
    private final Arguments arguments;
    private final String callerId;
    private final CallCancellation cancellation;

    DirectToolCall(String toolName, Map<String, Object> arguments, String callerId, CallCancellation cancellation) {
        this.toolName = toolName;
        this.arguments = new Arguments(arguments);
        this.callerId = callerId;
        this.cancellation = cancellation;
    }

    @Override
    public String toolName() {
        return toolName;
    }

    @Override
    public Arguments arguments() {
        return arguments;
    }

    @Override
    public String callerId() {
        return callerId;
    }

    @Override
    public CallCancellation cancellation() {
        return cancellation;
    }

    @Override
    public void progress(double progress, Double total, String message) {
        LOG.debug("{} progress {}/{} {}", toolName, progress, total, message);
    }

    @Override
    public void log(LogLevel level, String message) {
        LOG.debug("{} {}: {}", toolName, level, message);
    }
}
