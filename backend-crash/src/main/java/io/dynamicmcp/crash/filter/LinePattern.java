package io.dynamicmcp.crash.filter;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ToolException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A client-supplied regular expression (Java syntax, close to {@code grep -E}) that is safe to run on
 * untrusted lines: its length is bounded, and every match attempt has a work budget, so a pattern with
 * catastrophic backtracking gives up on a line instead of pinning a CPU. Thread-safe.
 */
public final class LinePattern {

    /** The longest pattern accepted. */
    public static final int MAX_LENGTH = 1000;

    /** Character reads one match attempt may make, plus {@link #BUDGET_PER_CHAR} per character of the line. */
    static final long BASE_BUDGET = 2_000_000;
    static final long BUDGET_PER_CHAR = 200;

    /** How a line fared. */
    public enum Outcome { MATCH, NO_MATCH, TOO_EXPENSIVE }

    private final String source;
    private final Pattern pattern;

    private LinePattern(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /**
     * Compiles a pattern.
     *
     * @param what names the pattern in error messages, e.g. {@code "argument 'grep'"}
     * @param literal match the text as is, not as a regular expression ({@code grep -F})
     * @param word match whole words only ({@code grep -w})
     * @throws ToolException when the pattern is empty, too long or does not compile
     */
    public static LinePattern compile(String what, String regex, boolean ignoreCase, boolean literal, boolean word) {
        requireNonNull(regex, "regex is null");
        if (regex.isEmpty()) {
            throw new ToolException(what + ": the pattern is empty");
        }
        if (regex.length() > MAX_LENGTH) {
            throw new ToolException(what + ": the pattern is " + regex.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        String body = literal ? Pattern.quote(regex) : regex;
        if (word) {
            body = "(?<![\\w])(?:" + body + ")(?![\\w])";
        }
        try {
            int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            return new LinePattern(regex, Pattern.compile(body, flags));
        } catch (PatternSyntaxException e) {
            throw new ToolException(what + ": '" + regex + "' is not a valid regular expression (Java syntax, like"
                    + " grep -E): " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** The pattern as the client wrote it. */
    public String source() {
        return source;
    }

    /** Whether the pattern occurs anywhere in the line, within the work budget. */
    public Outcome test(String line) {
        BudgetedText text = new BudgetedText(line, BASE_BUDGET + BUDGET_PER_CHAR * line.length());
        try {
            return pattern.matcher(text).find() ? Outcome.MATCH : Outcome.NO_MATCH;
        } catch (BudgetedText.Exhausted | StackOverflowError e) {
            return Outcome.TOO_EXPENSIVE;
        }
    }

    @Override
    public String toString() {
        return source;
    }

    /** A string whose characters may be read only so many times. */
    private static final class BudgetedText implements CharSequence {

        private final String text;
        private final int start;
        private final int end;
        private final long[] budget;

        BudgetedText(String text, long budget) {
            this(text, 0, text.length(), new long[] {budget});
        }

        private BudgetedText(String text, int start, int end, long[] budget) {
            this.text = text;
            this.start = start;
            this.end = end;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(start + index);
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new BudgetedText(text, start + from, start + to, budget);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }

        private static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super(null, null, false, false);
            }
        }
    }
}
