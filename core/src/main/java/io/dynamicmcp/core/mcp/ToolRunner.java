package io.dynamicmcp.core.mcp;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.CallCancellation.Reason;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls of one SPI {@link Tool}, whatever protocol revision asked: registers the call so it can be cancelled,
 * enforces the tool's timeout, and turns every failure into an error result the client can act on.
 */
final class ToolRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ToolRunner.class);

    private final Tool tool;
    private final InFlightCalls inFlight;
    private final ScheduledExecutorService timer;

    ToolRunner(Tool tool, InFlightCalls inFlight, ScheduledExecutorService timer) {
        this.tool = requireNonNull(tool, "tool is null");
        this.inFlight = requireNonNull(inFlight, "inFlight is null");
        this.timer = requireNonNull(timer, "timer is null");
    }

    Tool tool() {
        return tool;
    }

    /**
     * Runs one call. {@code newCall} makes the SPI view of it around the cancellation registered for
     * {@code origin}'s scope and request id.
     */
    ToolResult run(CallOrigin origin, Function<CallCancellation.Trigger, ToolCall> newCall) {
        CallCancellation.Trigger cancellation = inFlight.register(origin.scope(), origin.requestId());
        ScheduledFuture<?> deadline = tool.timeout()
                .map(t -> timer.schedule(() -> cancellation.cancel(Reason.TIMED_OUT), t.toMillis(), TimeUnit.MILLISECONDS))
                .orElse(null);
        try {
            ToolResult result = tool.handler().call(newCall.apply(cancellation));
            return result == null ? ToolResult.error("internal error in tool " + tool.name() + ": it returned no result")
                    : result;
        } catch (ToolException e) {
            return ToolResult.error(e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.error("tool {} failed", tool.name(), e);
            return ToolResult.error("internal error in tool " + tool.name() + ": " + e + ". The server is still running;"
                    + " the server log has the details.");
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            inFlight.unregister(origin.scope(), origin.requestId(), cancellation);
        }
    }
}
