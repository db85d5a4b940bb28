package io.dynamicmcp.crash.signature;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Dumps grouped by crash signature: each group is one bug, with how many dumps show it, from how many hosts, first and
 * last seen, and its newest dumps. Groups are largest first. Made from the signatures known now; the dumps without one
 * are counted apart. Memory: one entry per group plus the names of the hosts seen.
 */
public final class BugGroups {

    /** How many dump names a group keeps (its newest). */
    static final int EXAMPLES = 5;

    /**
     * One bug.
     *
     * @param hosts the hosts its dumps came from
     * @param unknownHost how many of its dumps came from a host nothing names
     * @param newest its newest dumps, newest first, at most {@value #EXAMPLES}
     */
    public record Group(KnownSignature signature, int dumps, Set<String> hosts, int unknownHost, Instant first,
            Instant last, List<String> newest) {
    }

    private final Map<String, Builder> groups = new LinkedHashMap<>();
    private final Function<DumpEntry, Optional<String>> hostOf;

    /** @param hostOf the host a dump came from, if anything names it */
    public BugGroups(Function<DumpEntry, Optional<String>> hostOf) {
        this.hostOf = requireNonNull(hostOf, "hostOf is null");
    }

    /** Counts {@code entry} (entries come newest first) under its signature. */
    public void add(DumpEntry entry, KnownSignature signature) {
        groups.computeIfAbsent(signature.id(), id -> new Builder(signature)).add(entry, hostOf.apply(entry));
    }

    /** The groups, largest first (then the most recent first). */
    public List<Group> groups() {
        List<Group> all = new ArrayList<>();
        for (Builder builder : groups.values()) {
            all.add(builder.build());
        }
        all.sort(Comparator.comparingInt(Group::dumps).reversed().thenComparing(Group::last, Comparator.reverseOrder()));
        return all;
    }

    /** The group of {@code signatureId}, if any dump has it. */
    public Optional<Group> group(String signatureId) {
        return Optional.ofNullable(groups.get(signatureId)).map(Builder::build);
    }

    private static final class Builder {

        private final KnownSignature signature;
        private final Set<String> hosts = new HashSet<>();
        private final List<String> newest = new ArrayList<>();
        private int dumps;
        private int unknownHost;
        private Instant first;
        private Instant last;

        Builder(KnownSignature signature) {
            this.signature = signature;
        }

        void add(DumpEntry entry, Optional<String> host) {
            dumps++;
            host.ifPresentOrElse(hosts::add, () -> unknownHost++);
            if (newest.size() < EXAMPLES) {
                newest.add(entry.name());
            }
            Instant time = entry.modified();
            first = first == null || time.isBefore(first) ? time : first;
            last = last == null || time.isAfter(last) ? time : last;
        }

        Group build() {
            return new Group(signature, dumps, Set.copyOf(hosts), unknownHost, first, last, List.copyOf(newest));
        }
    }
}
