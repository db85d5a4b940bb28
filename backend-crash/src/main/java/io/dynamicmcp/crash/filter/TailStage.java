package io.dynamicmcp.crash.filter;

import java.util.ArrayDeque;

/**
 * Keeps the last {@code count} lines and forwards them at the end. Memory is bounded twice: by the line
 * count and by {@link #MAX_CHARS}; when the characters run out the oldest lines go first and a marker line
 * says so.
 */
record TailStage(int count) implements FilterStage {

    static final long MAX_CHARS = 8L * 1024 * 1024;

    @Override
    public LineSink open(LineSink downstream) {
        return new LineSink() {
            private final ArrayDeque<String> kept = new ArrayDeque<>();
            private long chars;
            private boolean droppedForSize;

            @Override
            public void line(String line) {
                kept.addLast(line);
                chars += line.length();
                while (kept.size() > count || (chars > MAX_CHARS && kept.size() > 1)) {
                    if (kept.size() <= count) {
                        droppedForSize = true;
                    }
                    chars -= kept.removeFirst().length();
                }
            }

            @Override
            public void end() {
                if (droppedForSize) {
                    downstream.line("[tail: only the last " + kept.size() + " lines fit in " + MAX_CHARS
                            + " characters]");
                }
                for (String line : kept) {
                    downstream.line(line);
                }
                kept.clear();
                downstream.end();
            }
        };
    }

    @Override
    public String describe() {
        return "tail -n " + count;
    }
}
