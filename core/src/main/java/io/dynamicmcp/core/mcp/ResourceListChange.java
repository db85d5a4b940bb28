package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.feature.ServerChange;
import java.util.Map;

/**
 * {@code notifications/resources/list_changed} for every listener ({@code owner} null) or for the listeners of one
 * caller. The owner rides in the notification's {@code _meta} under {@link #AUDIENCE} until {@link ModernRequests}
 * drops the notification from other callers' streams and takes the key out of the owner's.
 */
record ResourceListChange(String owner) implements ServerChange {

    static final String AUDIENCE = "io.dynamicmcp/audience";

    @Override
    public String method() {
        return McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED;
    }

    @Override
    public Object params() {
        return owner == null ? Map.of() : Map.of("_meta", Map.of(AUDIENCE, owner));
    }

    @Override
    public boolean isHonouredBy(McpSchema.SubscriptionFilter honoured) {
        return honoured.wantsResourcesListChanged();
    }
}
