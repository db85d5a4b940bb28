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

/**
 * Bridges one SPI {@link Prompt}: rendering and completion for any protocol revision, and its listing,
 * {@code prompts/get} and {@code completion/complete} on the initialize-era server.
 */
final class PromptAdapter {

    private static final int MAX_COMPLETIONS = 100;

    /** Completion values for one argument: at most 100, with the total and whether there are more. */
    record Completion(List<String> values, int total, boolean hasMore) {
    }

    private final Prompt prompt;

    PromptAdapter(Prompt prompt) {
        this.prompt = requireNonNull(prompt, "prompt is null");
    }

    Prompt prompt() {
        return prompt;
    }

    /**
     * The prompt's messages for these arguments.
     *
     * @throws IllegalArgumentException when a required argument is missing or the prompt refuses the values
     */
    List<Prompt.Message> render(Map<String, ?> arguments) {
        Map<String, String> values = new LinkedHashMap<>();
        if (arguments != null) {
            arguments.forEach((k, v) -> {
                if (v != null) {
                    values.put(k, String.valueOf(v));
                }
            });
        }
        for (Prompt.Argument argument : prompt.arguments()) {
            if (argument.required() && (values.get(argument.name()) == null || values.get(argument.name()).isBlank())) {
                throw new IllegalArgumentException("prompt " + prompt.name() + " needs the argument '" + argument.name()
                        + "': " + argument.description());
            }
        }
        try {
            return prompt.renderer().render(Map.copyOf(values));
        } catch (ToolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    boolean completes() {
        return prompt.completer() != null;
    }

    Completion complete(String argument, String prefix) {
        List<String> all = prompt.completer().complete(argument, prefix == null ? "" : prefix);
        List<String> values = all.stream().limit(MAX_COMPLETIONS).toList();
        return new Completion(values, all.size(), all.size() > values.size());
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
        if (!completes()) {
            return Optional.empty();
        }
        return Optional.of(new SyncCompletionSpecification(new McpSchema.PromptReference(prompt.name()),
                (exchange, request) -> {
                    Completion completion = complete(request.argument().name(), request.argument().value());
                    return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(
                            completion.values(), completion.total(), completion.hasMore()));
                }));
    }

    private McpSchema.GetPromptResult get(McpSchema.GetPromptRequest request) {
        List<Prompt.Message> messages;
        try {
            messages = render(request.arguments());
        } catch (IllegalArgumentException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
        }
        List<McpSchema.PromptMessage> converted = messages.stream()
                .map(m -> new McpSchema.PromptMessage(m.role() == Prompt.Role.USER ? McpSchema.Role.USER
                        : McpSchema.Role.ASSISTANT, McpSchema.TextContent.builder(m.text()).build()))
                .toList();
        return McpSchema.GetPromptResult.builder(converted).description(prompt.description()).build();
    }
}
