package io.dynamicmcp.crash.filter;

/**
 * Forwards the lines the pattern matches (or, inverted, does not match); with {@code count}, forwards only
 * how many. A line on which the pattern runs out of its work budget is dropped, and one marker line at the
 * end says how many were.
 */
record GrepStage(LinePattern pattern, String flags, boolean invert, boolean count) implements FilterStage {

    @Override
    public LineSink open(LineSink downstream) {
        return new LineSink() {
            private long matched;
            private long tooExpensive;

            @Override
            public void line(String line) {
                LinePattern.Outcome outcome = pattern.test(line);
                if (outcome == LinePattern.Outcome.TOO_EXPENSIVE) {
                    tooExpensive++;
                    return;
                }
                if ((outcome == LinePattern.Outcome.MATCH) != invert) {
                    matched++;
                    if (!count) {
                        downstream.line(line);
                    }
                }
            }

            @Override
            public void end() {
                if (count) {
                    downstream.line(Long.toString(matched));
                }
                if (tooExpensive > 0) {
                    downstream.line("[grep: the pattern '" + pattern.source() + "' needed too much work on "
                            + tooExpensive + " line(s); they were left out. Simplify the pattern.]");
                }
                downstream.end();
            }
        };
    }

    @Override
    public String describe() {
        return "grep " + (flags.isEmpty() ? "" : flags + " ") + quote(pattern.source());
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
