package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ToolCall;
import java.util.Map;

/**
 * What a tool call of either protocol era knows the same way: the tool, its arguments, the caller and the
 * cancellation. Subclasses send progress and log messages the way their era does (the SPI's log levels are named
 * as both eras' levels are).
 */
abstract class ClientToolCall implements ToolCall {

    private final String toolName;
    private final Arguments arguments;
    private final CallOrigin origin;
    private final CallCancellation cancellation;

    ClientToolCall(String toolName, Map<String, Object> arguments, CallOrigin origin, CallCancellation cancellation) {
        this.toolName = toolName;
        this.arguments = new Arguments(arguments);
        this.origin = origin;
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
        return origin.callerId();
    }

    @Override
    public CallCancellation cancellation() {
        return cancellation;
    }
}
