package io.dynamicmcp.crash.session;

import io.dynamicmcp.crash.filter.LineSink;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A {@link LineSink} keeping only the last few lines, e.g. crash's messages while it loads. */
final class LineTail implements LineSink {

    private final int max;
    private final Deque<String> lines = new ArrayDeque<>();

    LineTail(int max) {
        this.max = max;
    }

    @Override
    public synchronized void line(String line) {
        if (line.isBlank()) {
            return;
        }
        if (lines.size() == max) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
