package io.dynamicmcp.crash.output;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads stored outputs a page at a time: whole lines, at most so many, within the inline size. Thread-safe. */
public final class OutputPager {

    /** The most lines one page may hold. */
    public static final int MAX_LINES = 5000;

    private final OutputStore store;

    public OutputPager(OutputStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** The most bytes a page holds: the store's inline size. */
    public long maxBytes() {
        return store.inlineBytes();
    }

    /**
     * Lines {@code offset} to {@code offset + limit - 1}, fewer when they would pass the inline size.
     *
     * @throws ToolException when the output does not exist for this owner or the offset is past its end
     */
    public OutputPage page(String outputId, String owner, long offset, int limit) {
        StoredOutput output = store.find(outputId, owner);
        if (offset < 0 || (offset > 0 && offset >= output.lines)) {
            throw new ToolException("offset " + offset + " is past the end of output " + outputId + ", which has "
                    + output.lines + " stored lines (offsets 0 to " + (output.lines - 1) + ")");
        }
        int wanted = Math.max(1, Math.min(limit, MAX_LINES));
        long maxBytes = store.inlineBytes();
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        try (StoredOutput.LineReader reader = output.open(offset)) {
            String line;
            while (lines.size() < wanted && (line = reader.readLine()) != null) {
                String shown = Utf8.clip(line, store.lineChars());
                long size = Utf8.length(shown) + 1;
                if (!lines.isEmpty() && bytes + size > maxBytes) {
                    break;
                }
                lines.add(shown);
                bytes += size;
            }
        } catch (IOException e) {
            throw new ToolException("reading output " + outputId + " failed: " + e.getMessage(), e);
        }
        long next = offset + lines.size();
        return new OutputPage(outputId, offset, List.copyOf(lines), next < output.lines ? next : null,
                output.totalLines, output.lines);
    }
}
