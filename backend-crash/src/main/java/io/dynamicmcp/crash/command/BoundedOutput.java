package io.dynamicmcp.crash.command;

import io.dynamicmcp.crash.session.OutputSink;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Collects output for a tool result without holding more than a fixed budget: the first part in full, then
 * only the most recent lines, with a note of how much was left out in between.
 */
public final class BoundedOutput implements OutputSink {

    private final int headBudget;
    private final int tailBudget;
    private final StringBuilder head = new StringBuilder();
    private final Deque<String> tail = new ArrayDeque<>();
    private long tailChars;
    private long omittedLines;
    private long omittedChars;
    private long totalLines;

    public BoundedOutput(int headBudget, int tailBudget) {
        this.headBudget = headBudget;
        this.tailBudget = tailBudget;
    }

    @Override
    public void line(String line) {
        totalLines++;
        if (tail.isEmpty() && head.length() + line.length() + 1 <= headBudget) {
            head.append(line).append('\n');
            return;
        }
        tail.addLast(line);
        tailChars += line.length() + 1;
        while (tailChars > tailBudget && !tail.isEmpty()) {
            String dropped = tail.removeFirst();
            tailChars -= dropped.length() + 1;
            omittedLines++;
            omittedChars += dropped.length() + 1;
        }
    }

    public boolean truncated() {
        return omittedLines > 0;
    }

    public long totalLines() {
        return totalLines;
    }

    public long omittedLines() {
        return omittedLines;
    }

    /** The collected text; where lines were left out, a marker line says how many. */
    public String text() {
        StringBuilder text = new StringBuilder(head);
        if (omittedLines > 0) {
            text.append("[... ").append(omittedLines).append(" lines (").append(omittedChars)
                    .append(" characters) omitted; narrow the command or use grep/head/tail ...]\n");
        }
        tail.forEach(line -> text.append(line).append('\n'));
        if (text.length() > 0) {
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }
}
