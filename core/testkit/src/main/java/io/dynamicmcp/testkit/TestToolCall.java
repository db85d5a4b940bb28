package io.dynamicmcp.testkit;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.LogLevel;
import io.dynamicmcp.spi.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ToolCall} for tests: fixed arguments, a cancellation you can fire, progress and logs recorded. */
public final class TestToolCall implements ToolCall {

    private final String tool;
    private final Arguments arguments;
    private final String caller;
    private final CallCancellation.Trigger cancellation = CallCancellation.trigger();
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final List<String> logs = new CopyOnWriteArrayList<>();

    public TestToolCall(String tool, Map<String, Object> arguments) {
        this(tool, arguments, "test-caller");
    }

    public TestToolCall(String tool, Map<String, Object> arguments, String caller) {
        this.tool = tool;
        this.arguments = new Arguments(arguments);
        this.caller = caller;
    }

    @Override
    public String toolName() {
        return tool;
    }

    @Override
    public Arguments arguments() {
        return arguments;
    }

    @Override
    public String callerId() {
        return caller;
    }

    @Override
    public CallCancellation cancellation() {
        return cancellation;
    }

    /** Cancels the call as a client would. */
    public void cancel() {
        cancellation.cancel(CallCancellation.Reason.CLIENT_CANCELLED);
    }

    @Override
    public void progress(double value, Double total, String message) {
        progress.add(value + "/" + total + " " + message);
    }

    @Override
    public void log(LogLevel level, String message) {
        logs.add(level + " " + message);
    }

    public List<String> progressReports() {
        return progress;
    }

    public List<String> logMessages() {
        return logs;
    }
}
