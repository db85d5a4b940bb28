package io.dynamicmcp.core.mcp;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.ToolException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridges one SPI {@link ResourceSource} to the SDK: its resource template, the resources it lists now, and
 * {@code resources/read}, bounded to {@link ResourceSource#MAX_TEXT_BYTES}. A read the source refuses is the MCP
 * error -32002 (resource not found) with its message; any other failure is -32603 and logged.
 */
final class ResourceAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceAdapter.class);

    private final ResourceSource source;

    ResourceAdapter(ResourceSource source) {
        this.source = requireNonNull(source, "source is null");
    }

    SyncResourceTemplateSpecification template() {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder(source.uriTemplate(), source.name())
                .title(source.title()).description(source.description()).mimeType(source.mimeType()).build();
        return new SyncResourceTemplateSpecification(template, this::handle);
    }

    /** What the source lists now; nothing (logged) when its lister fails, so the other sources still list. */
    List<SyncResourceSpecification> listed() {
        List<ResourceSource.Resource> resources;
        try {
            resources = source.lister().list();
        } catch (RuntimeException e) {
            LOG.warn("listing the resources of {} failed", source.name(), e);
            return List.of();
        }
        return resources.stream().map(r -> new SyncResourceSpecification(McpSchema.Resource.builder(r.uri(), r.name())
                .title(r.title()).description(r.description()).mimeType(source.mimeType()).size(r.size()).build(),
                this::handle)).toList();
    }

    private McpSchema.ReadResourceResult handle(McpSyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
        return read(request.uri(), SdkToolCall.callerOf(exchange));
    }

    /** Reads {@code uri} for {@code callerId}: its text, cut at the limit with a note saying how to get the rest. */
    McpSchema.ReadResourceResult read(String uri, String callerId) {
        String text;
        try {
            text = source.reader().read(uri, callerId);
        } catch (ToolException e) {
            throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(e.getMessage())
                    .data(Map.of("uri", uri)).build();
        } catch (RuntimeException e) {
            LOG.error("reading resource {} failed", uri, e);
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("internal error reading resource " + uri + ": " + e).build();
        }
        if (text == null) {
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("internal error reading resource " + uri + ": its source returned no text").build();
        }
        return McpSchema.ReadResourceResult.builder(List.of(McpSchema.TextResourceContents.builder(uri, bounded(text))
                .mimeType(source.mimeType()).build())).build();
    }

    private String bounded(String text) {
        if ((long) text.length() * 3 <= ResourceSource.MAX_TEXT_BYTES) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= ResourceSource.MAX_TEXT_BYTES) {
            return text;
        }
        int cut = ResourceSource.MAX_TEXT_BYTES;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        String hint = source.truncationHint() == null ? "" : " " + source.truncationHint();
        return new String(bytes, 0, cut, StandardCharsets.UTF_8) + "\n[truncated: this resource has " + bytes.length
                + " bytes and the server returns only the first " + ResourceSource.MAX_TEXT_BYTES + "." + hint + "]\n";
    }
}
