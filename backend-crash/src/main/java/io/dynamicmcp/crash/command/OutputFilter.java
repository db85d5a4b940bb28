package io.dynamicmcp.crash.command;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.session.OutputSink;
import io.dynamicmcp.spi.ToolException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Applies {@code grep} (a regular expression, lines that contain a match), then {@code head} (the first N),
 * then {@code tail} (the last N) to a stream of lines, in memory bounded by N. Call {@link #finish()} at the end.
 */
public final class OutputFilter implements OutputSink {

    public static final int MAX_LINES = 100_000;

    private final OutputSink target;
    private final Pattern grep;
    private final long head;
    private final int tail;
    private final Deque<String> last = new ArrayDeque<>();
    private long passed;

    private OutputFilter(OutputSink target, Pattern grep, long head, int tail) {
        this.target = requireNonNull(target, "target is null");
        this.grep = grep;
        this.head = head;
        this.tail = tail;
    }

    public static OutputFilter of(OutputSink target, Optional<String> grep, long head, long tail) {
        Pattern pattern = null;
        if (grep.isPresent()) {
            try {
                pattern = Pattern.compile(grep.get());
            } catch (PatternSyntaxException e) {
                throw new ToolException("grep is not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
        return new OutputFilter(target, pattern, head, (int) tail);
    }

    public boolean filters() {
        return grep != null || head > 0 || tail > 0;
    }

    @Override
    public void line(String line) {
        if (grep != null && !grep.matcher(line).find()) {
            return;
        }
        if (head > 0 && passed >= head) {
            return;
        }
        passed++;
        if (tail > 0) {
            if (last.size() == tail) {
                last.removeFirst();
            }
            last.addLast(line);
        } else {
            target.line(line);
        }
    }

    public void finish() {
        while (!last.isEmpty()) {
            target.line(last.removeFirst());
        }
    }
}
