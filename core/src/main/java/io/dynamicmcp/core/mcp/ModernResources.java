package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.ToolException;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncResource;
import io.modelcontextprotocol.modern.server.feature.McpSyncResourceRepository;
import io.modelcontextprotocol.modern.server.feature.ResourceTemplatesPage;
import io.modelcontextprotocol.modern.server.feature.ResourcesPage;
import java.util.List;
import java.util.Map;

/**
 * The resources as the 2026-07-28 server lists and reads them: each caller sees the resources without owner and its
 * own, nobody else's. A read the source refuses (not there, or another caller's: the same answer) is -32602 with
 * the URI in its data; a source that fails gives -32603.
 */
final class ModernResources implements McpSyncResourceRepository {

    private final ResourceCatalog catalog;
    private final ResourceTemplatesPage templates;

    ModernResources(ResourceCatalog catalog) {
        this.catalog = catalog;
        this.templates = new ResourceTemplatesPage(catalog.sources().stream()
                .map(source -> ModernDefinitions.template(source.source())).toList(), null, ModernTools.LIST_TTL_MS,
                McpSchema.CacheScope.PUBLIC);
    }

    /** The list changes at any time and differs from caller to caller: not to be cached, nor shared. */
    @Override
    public ResourcesPage list(McpRequestContext context, String cursor) {
        String caller = CallOrigin.of(context).callerId();
        List<McpSchema.Resource> resources = catalog.visibleTo(caller).stream()
                .map(entry -> ModernDefinitions.resource(entry.source().source(), entry.resource())).toList();
        return new ResourcesPage(resources, null, 0L, McpSchema.CacheScope.PRIVATE);
    }

    @Override
    public ResourceTemplatesPage listTemplates(McpRequestContext context, String cursor) {
        return templates;
    }

    @Override
    public McpSyncResource find(McpRequestContext context, String uri) {
        return catalog.sourceOf(uri).map(source -> McpSyncResource.of((c, request) -> read(source, c, request)))
                .orElse(null);
    }

    private static McpSyncResponse<McpSchema.ReadResourceOutcome> read(ResourceAdapter source,
            McpRequestContext context, McpSchema.ReadResourceRequest request) {
        String uri = request.uri();
        String text;
        try {
            text = source.text(uri, CallOrigin.of(context).callerId());
        } catch (ToolException e) {
            throw McpException.invalidParams(e.getMessage(), Map.of("uri", uri));
        } catch (IllegalStateException e) {
            throw new McpException(McpSchema.ErrorCodes.INTERNAL_ERROR, e.getMessage());
        }
        McpSchema.TextResourceContents contents = McpSchema.TextResourceContents.builder(uri, text)
                .mimeType(source.source().mimeType()).build();
        return McpSyncResponse.result(McpSchema.ReadResourceResult.builder(List.of(contents)).ttlMs(0)
                .cacheScope(McpSchema.CacheScope.PRIVATE).build());
    }
}
