package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.ResourceSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every resource the sources list now and who may see it, shared by all the servers of the process. {@link #refresh()}
 * lists the sources again and tells the listeners whose view changed: every caller's when a resource without owner
 * came, went or changed, otherwise only the owners of those that did, so no caller learns of another's resources.
 * Thread-safe.
 */
final class ResourceCatalog {

    /** One listed resource and the source that reads it. */
    record Entry(ResourceAdapter source, ResourceSource.Resource resource) {

        boolean visibleTo(String callerId) {
            return resource.owner() == null || resource.owner().equals(callerId);
        }
    }

    /** Whose view of the list one refresh changed. */
    record Change(boolean everyone, Set<String> owners) {

        boolean concerns(String callerId) {
            return everyone || owners.contains(callerId);
        }
    }

    private final List<ResourceAdapter> sources;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, Entry> entries = Map.of();

    /** An empty catalog of these sources: listen for the host's changes, then {@link #refresh()}. */
    ResourceCatalog(List<ResourceAdapter> sources) {
        this.sources = List.copyOf(sources);
    }

    List<ResourceAdapter> sources() {
        return sources;
    }

    boolean isEmpty() {
        return sources.isEmpty();
    }

    void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /** The resources {@code callerId} may see, in the sources' order. */
    List<Entry> visibleTo(String callerId) {
        return matching(entry -> entry.visibleTo(callerId));
    }

    List<Entry> matching(Predicate<Entry> filter) {
        return entries.values().stream().filter(filter).toList();
    }

    /** The source that reads {@code uri}: the one that lists it, else the first whose template it matches. */
    Optional<ResourceAdapter> sourceOf(String uri) {
        Entry listed = entries.get(uri);
        if (listed != null) {
            return Optional.of(listed.source());
        }
        return sources.stream().filter(source -> source.matches(uri)).findFirst();
    }

    /** Lists the sources again and tells the listeners whose view changed, if anyone's did. */
    void refresh() {
        Change change;
        synchronized (this) {
            Map<String, Entry> now = list();
            change = difference(entries, now);
            entries = now;
        }
        if (change.everyone() || !change.owners().isEmpty()) {
            listeners.forEach(listener -> listener.accept(change));
        }
    }

    private Map<String, Entry> list() {
        Map<String, Entry> now = new LinkedHashMap<>();
        for (ResourceAdapter source : sources) {
            for (ResourceSource.Resource resource : source.listed()) {
                now.putIfAbsent(resource.uri(), new Entry(source, resource));
            }
        }
        return now;
    }

    private static Change difference(Map<String, Entry> before, Map<String, Entry> after) {
        List<ResourceSource.Resource> changed = new ArrayList<>();
        before.forEach((uri, entry) -> {
            Entry now = after.get(uri);
            if (now == null || !Objects.equals(now.resource(), entry.resource())) {
                changed.add(entry.resource());
                if (now != null) {
                    changed.add(now.resource());
                }
            }
        });
        after.forEach((uri, entry) -> {
            if (!before.containsKey(uri)) {
                changed.add(entry.resource());
            }
        });
        Set<String> owners = new HashSet<>();
        boolean everyone = false;
        for (ResourceSource.Resource resource : changed) {
            if (resource.owner() == null) {
                everyone = true;
            } else {
                owners.add(resource.owner());
            }
        }
        return new Change(everyone, Set.copyOf(owners));
    }
}
