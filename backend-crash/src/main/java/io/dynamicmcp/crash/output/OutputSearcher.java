package io.dynamicmcp.crash.output;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.filter.LinePattern;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Finds the lines of stored outputs that match a pattern, with context, within the inline size. Thread-safe. */
public final class OutputSearcher {

    /** The most matches one search may return. */
    public static final int MAX_MATCHES = 500;

    /** The most context lines a match may carry on each side. */
    public static final int MAX_CONTEXT = 20;

    private final OutputStore store;

    public OutputSearcher(OutputStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Lines matching {@code pattern} from {@code fromOffset} on, each with up to {@code context} lines around it.
     *
     * @throws ToolException when the output does not exist for this owner
     */
    public OutputMatches search(String outputId, String owner, LinePattern pattern, int context, int maxMatches,
            long fromOffset) {
        StoredOutput output = store.find(outputId, owner);
        int around = Math.max(0, Math.min(context, MAX_CONTEXT));
        int most = Math.max(1, Math.min(maxMatches, MAX_MATCHES));
        long maxBytes = store.inlineBytes();
        List<OutputMatches.Match> found = new ArrayList<>();
        ArrayDeque<String> before = new ArrayDeque<>();
        List<PendingMatch> pending = new ArrayList<>();
        long bytes = 0;
        Long resume = null;
        long tooExpensive = 0;
        try (StoredOutput.LineReader reader = output.open(Math.max(0, Math.min(fromOffset, output.lines)))) {
            String line;
            while ((line = reader.readLine()) != null) {
                long number = reader.next() - 1;
                String shown = Utf8.clip(line, store.lineChars());
                for (Iterator<PendingMatch> it = pending.iterator(); it.hasNext();) {
                    PendingMatch match = it.next();
                    match.after.add(shown);
                    if (match.after.size() == around) {
                        found.add(match.done());
                        it.remove();
                    }
                }
                if (resume == null) {
                    LinePattern.Outcome outcome = pattern.test(line);
                    if (outcome == LinePattern.Outcome.TOO_EXPENSIVE) {
                        tooExpensive++;
                    } else if (outcome == LinePattern.Outcome.MATCH) {
                        if (found.size() + pending.size() >= most || bytes > maxBytes) {
                            resume = number;
                        } else {
                            PendingMatch match = new PendingMatch(number, shown, List.copyOf(before));
                            bytes += Utf8.length(shown) * (1L + 2 * around) + 32;
                            if (around == 0) {
                                found.add(match.done());
                            } else {
                                pending.add(match);
                            }
                        }
                    }
                }
                if (resume != null && pending.isEmpty()) {
                    break;
                }
                before.addLast(shown);
                if (before.size() > around) {
                    before.removeFirst();
                }
            }
        } catch (IOException e) {
            throw new ToolException("reading output " + outputId + " failed: " + e.getMessage(), e);
        }
        for (PendingMatch match : pending) {
            found.add(match.done());
        }
        return new OutputMatches(outputId, pattern.source(), List.copyOf(found), resume == null, resume, output.lines,
                tooExpensive);
    }

    private static final class PendingMatch {
        final long offset;
        final String text;
        final List<String> before;
        final List<String> after = new ArrayList<>();

        PendingMatch(long offset, String text, List<String> before) {
            this.offset = offset;
            this.text = text;
            this.before = before;
        }

        OutputMatches.Match done() {
            return new OutputMatches.Match(offset, text, before, List.copyOf(after));
        }
    }
}
