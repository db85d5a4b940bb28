package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.feature.McpChangeFeed;
import io.modelcontextprotocol.modern.server.feature.PromptsFeature;
import io.modelcontextprotocol.modern.server.feature.ResourcesFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import java.util.List;

/**
 * Builds the SDK's stateless 2026-07-28 server: {@code server/discover}, the tools, the prompts with their
 * completions, the resources, and {@code subscriptions/listen} for resource list changes, with cache hints (TTLs)
 * on every list. Only 2026-07-28 is accepted in a request's {@code _meta}; the older revisions are served through
 * {@code initialize} by the initialize-era servers.
 */
final class ModernServerBuilder {

    static final String VERSION = McpSchema.LATEST_PROTOCOL_VERSION;

    private final String name;
    private final String title;
    private final String version;
    private final String instructions;
    private final McpJsonMapper jsonMapper;
    private final JsonSchemaValidator schemaValidator;

    ModernServerBuilder(String name, String title, String version, String instructions, McpJsonMapper jsonMapper,
            JsonSchemaValidator schemaValidator) {
        this.name = name;
        this.title = title;
        this.version = version;
        this.instructions = instructions;
        this.jsonMapper = jsonMapper;
        this.schemaValidator = schemaValidator;
    }

    ModernRequests build(ModernTools tools, List<PromptAdapter> prompts, ResourceCatalog catalog) {
        McpServer.Builder builder = McpServer.builder()
                .serverInfo(McpSchema.Implementation.builder(name, version).title(title).build())
                .instructions(instructions)
                .supportedVersions(List.of(VERSION))
                .jsonMapper(jsonMapper)
                .discoverCache(ModernTools.LIST_TTL_MS, McpSchema.CacheScope.PUBLIC)
                .requestStateCodec(new CallerBoundRequestStates(jsonMapper))
                .feature(ToolsFeature.ofAsync(tools, jsonMapper, schemaValidator, ModernTools.LIST_TTL_MS,
                        McpSchema.CacheScope.PUBLIC));
        if (!prompts.isEmpty()) {
            builder.feature(PromptsFeature.ofSync(new ModernPrompts(prompts), jsonMapper, ModernTools.LIST_TTL_MS,
                    McpSchema.CacheScope.PUBLIC));
        }
        if (!catalog.isEmpty()) {
            builder.feature(ResourcesFeature.ofSync(new ModernResources(catalog), jsonMapper, 0,
                    McpSchema.CacheScope.PRIVATE));
            McpChangeFeed changes = new McpChangeFeed();
            catalog.onChange(change -> {
                if (change.everyone()) {
                    changes.broadcast(new ResourceListChange(null));
                } else {
                    change.owners().forEach(owner -> changes.broadcast(new ResourceListChange(owner)));
                }
            });
            builder.subscriptions(changes);
        }
        return new ModernRequests(builder.build());
    }
}
