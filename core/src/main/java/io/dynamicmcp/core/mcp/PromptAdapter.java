package io.dynamicmcp.core.mcp;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.Prompt;
import io.dynamicmcp.spi.ToolException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bridges one SPI {@link Prompt} to the SDK: its listing, {@code prompts/get} and {@code completion/complete}. */
final class PromptAdapter {

    private static final int MAX_COMPLETIONS = 100;

    private final Prompt prompt;

    PromptAdapter(Prompt prompt) {
        this.prompt = requireNonNull(prompt, "prompt is null");
    }

    SyncPromptSpecification specification() {
        List<McpSchema.PromptArgument> arguments = prompt.arguments().stream()
                .map(a -> McpSchema.PromptArgument.builder(a.name()).description(a.description()).required(a.required())
                        .build())
                .toList();
        McpSchema.Prompt described = McpSchema.Prompt.builder(prompt.name()).title(prompt.title())
                .description(prompt.description()).arguments(arguments).build();
        return new SyncPromptSpecification(described, (exchange, request) -> get(request));
    }

    Optional<SyncCompletionSpecification> completion() {
        if (prompt.completer() == null) {
            return Optional.empty();
        }
        return Optional.of(new SyncCompletionSpecification(new McpSchema.PromptReference(prompt.name()),
                (exchange, request) -> complete(request)));
    }

    private McpSchema.GetPromptResult get(McpSchema.GetPromptRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        if (request.arguments() != null) {
            request.arguments().forEach((k, v) -> {
                if (v != null) {
                    values.put(k, String.valueOf(v));
                }
            });
        }
        for (Prompt.Argument argument : prompt.arguments()) {
            if (argument.required() && (values.get(argument.name()) == null || values.get(argument.name()).isBlank())) {
                throw invalid("prompt " + prompt.name() + " needs the argument '" + argument.name() + "': "
                        + argument.description());
            }
        }
        List<Prompt.Message> messages;
        try {
            messages = prompt.renderer().render(Map.copyOf(values));
        } catch (ToolException e) {
            throw invalid(e.getMessage());
        }
        List<McpSchema.PromptMessage> converted = messages.stream()
                .map(m -> new McpSchema.PromptMessage(m.role() == Prompt.Role.USER ? McpSchema.Role.USER
                        : McpSchema.Role.ASSISTANT, McpSchema.TextContent.builder(m.text()).build()))
                .toList();
        return McpSchema.GetPromptResult.builder(converted).description(prompt.description()).build();
    }

    private McpSchema.CompleteResult complete(McpSchema.CompleteRequest request) {
        String name = request.argument().name();
        String prefix = request.argument().value() == null ? "" : request.argument().value();
        List<String> all = prompt.completer().complete(name, prefix);
        List<String> values = all.stream().limit(MAX_COMPLETIONS).toList();
        return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(values, all.size(),
                all.size() > values.size()));
    }

    private static McpError invalid(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }
}
