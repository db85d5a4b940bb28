package io.dynamicmcp.core.mcp;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.ToolException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridges one SPI {@link ResourceSource}: its template, the resources it lists now, and reads bounded to
 * {@link ResourceSource#MAX_TEXT_BYTES}. For the initialize-era server a read the source refuses is the MCP error
 * -32002 (resource not found) with its message, and any other failure is -32603 and logged.
 */
final class ResourceAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceAdapter.class);

    private final ResourceSource source;
    private final DefaultMcpUriTemplateManager template;

    ResourceAdapter(ResourceSource source) {
        this.source = requireNonNull(source, "source is null");
        this.template = new DefaultMcpUriTemplateManager(source.uriTemplate());
    }

    ResourceSource source() {
        return source;
    }

    /** Whether {@code uri} is of this source's form (it need not exist). */
    boolean matches(String uri) {
        return template.matches(uri);
    }

    SyncResourceTemplateSpecification template() {
        McpSchema.ResourceTemplate described = McpSchema.ResourceTemplate.builder(source.uriTemplate(), source.name())
                .title(source.title()).description(source.description()).mimeType(source.mimeType()).build();
        return new SyncResourceTemplateSpecification(described, this::handle);
    }

    /** What the source lists now; nothing (logged) when its lister fails, so the other sources still list. */
    List<ResourceSource.Resource> listed() {
        try {
            return List.copyOf(source.lister().list());
        } catch (RuntimeException e) {
            LOG.warn("listing the resources of {} failed", source.name(), e);
            return List.of();
        }
    }

    /** One listed resource as the initialize-era server publishes it. */
    SyncResourceSpecification specification(ResourceSource.Resource resource) {
        return new SyncResourceSpecification(McpSchema.Resource.builder(resource.uri(), resource.name())
                .title(resource.title()).description(resource.description()).mimeType(source.mimeType())
                .size(resource.size()).build(), this::handle);
    }

    private McpSchema.ReadResourceResult handle(McpSyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
        return read(request.uri(), CallOrigin.of(exchange.transportContext(), exchange.sessionId()).callerId());
    }

    /** Reads {@code uri} for {@code callerId} as the initialize-era server answers it. */
    McpSchema.ReadResourceResult read(String uri, String callerId) {
        String text;
        try {
            text = text(uri, callerId);
        } catch (ToolException e) {
            throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(e.getMessage())
                    .data(Map.of("uri", uri)).build();
        } catch (RuntimeException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(e.getMessage()).build();
        }
        return McpSchema.ReadResourceResult.builder(List.of(McpSchema.TextResourceContents.builder(uri, text)
                .mimeType(source.mimeType()).build())).build();
    }

    /**
     * The text of {@code uri} for {@code callerId}, cut at the limit with a note saying how to get the rest.
     *
     * @throws ToolException when the source refuses: not there, not the caller's, not readable
     * @throws IllegalStateException when the source failed; logged, with a message fit for the client
     */
    String text(String uri, String callerId) {
        String text;
        try {
            text = source.reader().read(uri, callerId);
        } catch (ToolException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("reading resource {} failed", uri, e);
            throw new IllegalStateException("internal error reading resource " + uri + ": " + e, e);
        }
        if (text == null) {
            throw new IllegalStateException("internal error reading resource " + uri + ": its source returned no text");
        }
        return bounded(text);
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
