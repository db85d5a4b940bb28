package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ToolCall;
import java.util.Map;

/**
 * What every tool call knows the same way, whichever way it came (either MCP era, or REST): the tool, its arguments,
 * the caller and the cancellation. Subclasses send progress and log messages where their origin can take them.
 */
abstract class AbstractToolCall implements ToolCall {

    private final String toolName;
    private final Arguments arguments;
    private final String callerId;
    private final CallCancellation cancellation;
    private double lastProgress = Double.NEGATIVE_INFINITY;

    AbstractToolCall(String toolName, Map<String, Object> arguments, String callerId, CallCancellation cancellation) {
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

    /**
     * The progress value to send: MCP requires each notification's value to be greater than the last one's, so a
     * provider's value that is not is raised to just above it (its message still goes out).
     */
    final synchronized double increasing(double progress) {
        lastProgress = progress > lastProgress ? progress : lastProgress + 0.001;
        return lastProgress;
    }
}
