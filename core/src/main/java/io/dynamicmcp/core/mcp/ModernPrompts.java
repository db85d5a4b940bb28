package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncPrompt;
import io.modelcontextprotocol.modern.server.feature.McpSyncPromptRepository;
import io.modelcontextprotocol.modern.server.feature.PromptsPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The prompts as the 2026-07-28 server lists, renders and completes them. */
final class ModernPrompts implements McpSyncPromptRepository {

    private final Map<String, McpSyncPrompt> prompts = new LinkedHashMap<>();
    private final PromptsPage page;
    private final boolean completes;

    ModernPrompts(List<PromptAdapter> adapters) {
        for (PromptAdapter adapter : adapters) {
            McpSyncPrompt prompt = McpSyncPrompt.of(ModernDefinitions.prompt(adapter.prompt()),
                    (context, request) -> get(adapter, request));
            if (adapter.completes()) {
                prompt = prompt.withCompletionHandler((context, request) -> complete(adapter, request));
            }
            prompts.put(adapter.prompt().name(), prompt);
        }
        page = new PromptsPage(prompts.values().stream().map(McpSyncPrompt::definition).toList(), null,
                ModernTools.LIST_TTL_MS, McpSchema.CacheScope.PUBLIC);
        completes = adapters.stream().anyMatch(PromptAdapter::completes);
    }

    @Override
    public PromptsPage list(McpRequestContext context, String cursor) {
        return page;
    }

    @Override
    public McpSyncPrompt find(McpRequestContext context, String name) {
        return prompts.get(name);
    }

    @Override
    public boolean supportsCompletion() {
        return completes;
    }

    private static McpSyncResponse<McpSchema.GetPromptOutcome> get(PromptAdapter adapter,
            McpSchema.GetPromptRequest request) {
        try {
            return McpSyncResponse.result(ModernDefinitions.promptResult(adapter.prompt(),
                    adapter.render(request.arguments())));
        } catch (IllegalArgumentException e) {
            throw McpException.invalidParams(e.getMessage());
        }
    }

    private static McpSchema.CompleteResult complete(PromptAdapter adapter, McpSchema.CompleteRequest request) {
        PromptAdapter.Completion completion = adapter.complete(request.argument().name(), request.argument().value());
        return McpSchema.CompleteResult.of(new McpSchema.CompleteResult.Completion(completion.values(),
                completion.total(), completion.hasMore()));
    }
}
