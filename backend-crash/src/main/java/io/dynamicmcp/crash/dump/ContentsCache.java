package io.dynamicmcp.crash.dump;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What was read from each dump, by dump identity, the least recently used forgotten past a bound so that memory stays
 * bounded whatever the size of the tree. Thread-safe.
 */
final class ContentsCache {

    /** What was read from one dump. */
    record Known(DumpContents contents, boolean crashAsked) {
    }

    private final int capacity;
    private final Map<DumpIdentity, Known> known;

    /** @param capacity how many dumps are remembered; 0 remembers none */
    ContentsCache(int capacity) {
        this.capacity = capacity;
        this.known = new LinkedHashMap<>(16, 0.75f, true);
    }

    synchronized Optional<Known> get(DumpIdentity identity) {
        return Optional.ofNullable(known.get(identity));
    }

    synchronized void put(DumpIdentity identity, Known what) {
        if (capacity == 0) {
            return;
        }
        known.put(identity, what);
        while (known.size() > capacity) {
            known.remove(known.keySet().iterator().next());
        }
    }

    synchronized int size() {
        return known.size();
    }
}
