package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.Prompt;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolResult;
import io.modelcontextprotocol.modern.McpSchema;
import java.util.List;

/** SPI tools, prompts and resources as the SDK's 2026-07-28 types describe them. */
final class ModernDefinitions {

    private ModernDefinitions() {
    }

    static McpSchema.Tool tool(Tool tool) {
        ToolAnnotations hints = tool.annotations();
        McpSchema.Tool.Builder builder = McpSchema.Tool.builder(tool.name(), tool.inputSchema())
                .title(tool.title())
                .description(tool.description())
                .annotations(new McpSchema.ToolAnnotations(tool.title(), hints.readOnly(), hints.destructive(),
                        hints.idempotent(), hints.openWorld()));
        tool.outputSchema().ifPresent(builder::outputSchema);
        return builder.build();
    }

    static McpSchema.CallToolResult result(ToolResult result) {
        McpSchema.CallToolResult.Builder builder = McpSchema.CallToolResult.builder()
                .addContent(McpSchema.TextContent.builder(result.text()).build())
                .isError(result.isError());
        result.structured().ifPresent(builder::structuredContent);
        return builder.build();
    }

    static McpSchema.Prompt prompt(Prompt prompt) {
        List<McpSchema.PromptArgument> arguments = prompt.arguments().stream()
                .map(a -> McpSchema.PromptArgument.builder(a.name()).description(a.description()).required(a.required())
                        .build())
                .toList();
        return McpSchema.Prompt.builder(prompt.name()).title(prompt.title()).description(prompt.description())
                .arguments(arguments).build();
    }

    static McpSchema.GetPromptResult promptResult(Prompt prompt, List<Prompt.Message> messages) {
        List<McpSchema.PromptMessage> converted = messages.stream()
                .map(m -> new McpSchema.PromptMessage(m.role() == Prompt.Role.USER ? McpSchema.Role.USER
                        : McpSchema.Role.ASSISTANT, McpSchema.TextContent.builder(m.text()).build()))
                .toList();
        return McpSchema.GetPromptResult.builder(converted).description(prompt.description()).build();
    }

    static McpSchema.ResourceTemplate template(ResourceSource source) {
        return McpSchema.ResourceTemplate.builder(source.uriTemplate(), source.name()).title(source.title())
                .description(source.description()).mimeType(source.mimeType()).build();
    }

    static McpSchema.Resource resource(ResourceSource source, ResourceSource.Resource resource) {
        return McpSchema.Resource.builder(resource.uri(), resource.name()).title(resource.title())
                .description(resource.description()).mimeType(source.mimeType()).size(resource.size()).build();
    }
}
