package io.dynamicmcp.core.mcp;

import static java.util.Objects.requireNonNull;

import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concrete resources one SDK server lists, kept in step with the sources: {@link #refresh()} lists the sources
 * again and removes and adds what differs on the server, which (the resources capability declaring
 * {@code listChanged}) sends {@code notifications/resources/list_changed} to the server's clients. Thread-safe.
 */
final class PublishedResources {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedResources.class);

    private final List<ResourceAdapter> sources;
    private Map<String, McpSchema.Resource> listed = Map.of();
    private McpSyncServer server;
    private boolean missed;

    PublishedResources(List<ResourceAdapter> sources) {
        this.sources = List.copyOf(sources);
    }

    /** What the server starts with; they count as listed from now on. */
    synchronized List<SyncResourceSpecification> initial() {
        Map<String, SyncResourceSpecification> now = current();
        listed = resources(now);
        return List.copyOf(now.values());
    }

    /**
     * From now on {@link #refresh()} changes {@code server}; catches up with a change that came between
     * {@link #initial()} and now (listen for changes before calling {@link #initial()}).
     */
    void attach(McpSyncServer server) {
        boolean catchUp;
        synchronized (this) {
            this.server = requireNonNull(server, "server is null");
            catchUp = missed;
        }
        if (catchUp) {
            refresh();
        }
    }

    /** Makes the server list what the sources list now. */
    synchronized void refresh() {
        if (server == null) {
            missed = true;
            return;
        }
        Map<String, SyncResourceSpecification> now = current();
        try {
            for (Map.Entry<String, McpSchema.Resource> old : listed.entrySet()) {
                SyncResourceSpecification same = now.get(old.getKey());
                if (same == null || !same.resource().equals(old.getValue())) {
                    server.removeResource(old.getKey());
                }
            }
            for (SyncResourceSpecification spec : now.values()) {
                if (!spec.resource().equals(listed.get(spec.resource().uri()))) {
                    server.addResource(spec);
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("the resource list of a server could not be updated (closed?): {}", e.toString());
        }
        listed = resources(now);
    }

    private Map<String, SyncResourceSpecification> current() {
        Map<String, SyncResourceSpecification> now = new LinkedHashMap<>();
        for (ResourceAdapter source : sources) {
            for (SyncResourceSpecification spec : source.listed()) {
                now.putIfAbsent(spec.resource().uri(), spec);
            }
        }
        return now;
    }

    private static Map<String, McpSchema.Resource> resources(Map<String, SyncResourceSpecification> specs) {
        Map<String, McpSchema.Resource> resources = new LinkedHashMap<>();
        specs.forEach((uri, spec) -> resources.put(uri, spec.resource()));
        return resources;
    }
}
