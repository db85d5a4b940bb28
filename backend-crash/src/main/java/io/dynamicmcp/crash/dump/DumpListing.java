package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Pages through the dumps, newest first, under a {@link DumpQuery}, from a {@link DumpCursor}. A page costs a walk of
 * the tree when it changed (none otherwise), a binary search for the cursor, and reading only the dumps it looks at:
 * those it shows, and under a release or host filter the folder does not decide, those it passes over. When the
 * page's read budget runs out before it is full, it stops early with a cursor where it stopped, so that no call reads
 * the whole tree. Thread-safe.
 */
public final class DumpListing {

    private final DumpLocator dumps;
    private final Function<DumpIdentity, Optional<String>> signatures;

    /** @param signatures the crash signature known for a dump, if any (for the signature filter) */
    public DumpListing(DumpLocator dumps, Function<DumpIdentity, Optional<String>> signatures) {
        this.dumps = requireNonNull(dumps, "dumps is null");
        this.signatures = requireNonNull(signatures, "signatures is null");
    }

    /**
     * @param max the most dumps shown
     * @param budget how long the call may spend reading dumps; past it, shown dumps name their unread fields as
     *     pending, and a filtered scan stops early
     */
    public DumpPage page(DumpQuery query, Optional<DumpCursor> cursor, int max, ReadBudget budget) {
        List<DumpEntry> entries = dumps.entries();
        int start = cursor.map(c -> firstAfter(entries, c)).orElse(0);
        List<DumpFile> shown = new ArrayList<>();
        int undecided = 0;
        int next = start;
        boolean stoppedEarly = false;
        while (next < entries.size() && shown.size() < max) {
            DumpEntry entry = entries.get(next);
            DumpQuery.Verdict verdict = query.fromTree(entry);
            if (verdict == DumpQuery.Verdict.FAILS) {
                next++;
                continue;
            }
            if (query.signature().isPresent()
                    && !signatures.apply(entry.identity()).map(query.signature().get()::equals).orElse(false)) {
                next++;
                continue;
            }
            boolean decided = verdict == DumpQuery.Verdict.PASSES && query.release().isEmpty();
            if (!decided && next > start && !budget.left()) {
                stoppedEarly = true;
                break;
            }
            DumpFile dump = dumps.describe(entry, decided || next > start ? budget : ReadBudget.unlimited());
            next++;
            if (decided) {
                shown.add(dump);
            } else if (!dump.pending().isEmpty()) {
                undecided++;
            } else if (query.passes(dump)) {
                shown.add(dump);
            }
        }
        Optional<String> nextCursor = next < entries.size() && next > 0
                ? Optional.of(DumpCursor.after(entries.get(next - 1), query).encode())
                : Optional.empty();
        return new DumpPage(shown, nextCursor, entries.size(), matching(entries, query), undecided, stoppedEarly);
    }

    /** How many entries pass, when the tree and the signature store decide every one. */
    private OptionalInt matching(List<DumpEntry> entries, DumpQuery query) {
        if (query.release().isPresent()) {
            return OptionalInt.empty();
        }
        int passing = 0;
        for (DumpEntry entry : entries) {
            DumpQuery.Verdict verdict = query.fromTree(entry);
            if (verdict == DumpQuery.Verdict.NEEDS_READING) {
                return OptionalInt.empty();
            }
            if (verdict == DumpQuery.Verdict.PASSES && (query.signature().isEmpty()
                    || signatures.apply(entry.identity()).map(query.signature().get()::equals).orElse(false))) {
                passing++;
            }
        }
        return OptionalInt.of(passing);
    }

    /** The index of the first entry after the cursor (entries are in listing order). */
    private static int firstAfter(List<DumpEntry> entries, DumpCursor cursor) {
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cursor.precedes(entries.get(middle))) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}
