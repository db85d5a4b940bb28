package io.dynamicmcp.core.mcp;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ResourceSource;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concrete resources one initialize-era SDK server lists, kept in step with the catalog. The SDK keeps one list
 * for all of a server's sessions, so it holds only the catalog entries {@code visible} admits: on HTTP those without
 * owner, over stdio (one caller) those of that caller too. On a change it removes and adds what differs on the
 * server, which (the resources capability declaring {@code listChanged}) tells the server's clients. Thread-safe.
 */
final class PublishedResources {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedResources.class);

    private final ResourceCatalog catalog;
    private final Predicate<ResourceCatalog.Entry> visible;
    private Map<String, ResourceSource.Resource> listed = Map.of();
    private McpSyncServer server;
    private boolean missed;

    PublishedResources(ResourceCatalog catalog, Predicate<ResourceCatalog.Entry> visible) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.visible = requireNonNull(visible, "visible is null");
        catalog.onChange(change -> refresh());
    }

    /** What the server starts with; they count as listed from now on. */
    synchronized List<SyncResourceSpecification> initial() {
        List<ResourceCatalog.Entry> now = catalog.matching(visible);
        listed = resources(now);
        return now.stream().map(entry -> entry.source().specification(entry.resource())).toList();
    }

    /** From now on changes reach {@code server}; catches up with one that came between {@link #initial()} and now. */
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

    /** Makes the server list what the catalog shows it now. */
    synchronized void refresh() {
        if (server == null) {
            missed = true;
            return;
        }
        List<ResourceCatalog.Entry> now = catalog.matching(visible);
        Map<String, ResourceSource.Resource> current = resources(now);
        try {
            for (Map.Entry<String, ResourceSource.Resource> old : listed.entrySet()) {
                if (!old.getValue().equals(current.get(old.getKey()))) {
                    server.removeResource(old.getKey());
                }
            }
            for (ResourceCatalog.Entry entry : now) {
                if (!entry.resource().equals(listed.get(entry.resource().uri()))) {
                    server.addResource(entry.source().specification(entry.resource()));
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("the resource list of a server could not be updated (closed?): {}", e.toString());
        }
        listed = current;
    }

    private static Map<String, ResourceSource.Resource> resources(List<ResourceCatalog.Entry> entries) {
        Map<String, ResourceSource.Resource> resources = new LinkedHashMap<>();
        entries.forEach(entry -> resources.put(entry.resource().uri(), entry.resource()));
        return resources;
    }
}
