package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/**
 * A dump file as the walk of the tree found it: its name, its identity and what its place in the tree says. Nothing
 * here was read from the dump itself.
 *
 * @param name its path relative to the dump root, usable as {@code dump_name}
 */
public record DumpEntry(String name, DumpIdentity identity, DumpLayout layout) {

    /** Newest first, then by name: the order of every listing. */
    public static final Comparator<DumpEntry> NEWEST_FIRST = Comparator
            .comparing((DumpEntry e) -> e.identity().modified()).reversed()
            .thenComparing(DumpEntry::name);

    public DumpEntry {
        requireNonNull(name, "name is null");
        requireNonNull(identity, "identity is null");
        requireNonNull(layout, "layout is null");
    }

    public Path path() {
        return identity.path();
    }

    public long size() {
        return identity.size();
    }

    public Instant modified() {
        return identity.modified();
    }

    /** What its name and modification time say about whether it is complete. */
    public DumpCondition condition(Instant now, Duration settle) {
        return DumpCondition.of(path().getFileName().toString(), modified(), now, settle);
    }
}
