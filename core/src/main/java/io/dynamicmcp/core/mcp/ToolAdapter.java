package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolResult;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/** Publishes one SPI {@link Tool} through the SDK's initialize-era server (protocol 2025-11-25 and older). */
final class ToolAdapter {

    private final ToolRunner runner;

    ToolAdapter(ToolRunner runner) {
        this.runner = runner;
    }

    SyncToolSpecification specification() {
        return SyncToolSpecification.builder().tool(describe(runner.tool())).callHandler(this::call).build();
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
        CallOrigin origin = CallOrigin.of(exchange.transportContext(), exchange.sessionId());
        return toSdk(runner.run(origin, cancellation -> new SdkToolCall(exchange, origin, request, cancellation)));
    }

    /** Calls the tool outside MCP (e.g. a REST request), with the same cancellation, timeout and error handling. */
    CallToolResult callDirect(CallOrigin origin, Map<String, Object> arguments) {
        return toSdk(runner.run(origin, cancellation -> new DirectToolCall(runner.tool().name(), arguments,
                origin.callerId(), cancellation)));
    }

    private static CallToolResult toSdk(ToolResult result) {
        CallToolResult.Builder builder = CallToolResult.builder().addTextContent(result.text()).isError(result.isError());
        result.structured().ifPresent(builder::structuredContent);
        return builder.build();
    }
}
