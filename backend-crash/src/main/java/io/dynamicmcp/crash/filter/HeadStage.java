package io.dynamicmcp.crash.filter;

/** Forwards the first {@code count} lines and drops the rest. */
record HeadStage(int count) implements FilterStage {

    @Override
    public LineSink open(LineSink downstream) {
        return new LineSink() {
            private int seen;

            @Override
            public void line(String line) {
                if (seen < count) {
                    seen++;
                    downstream.line(line);
                }
            }

            @Override
            public void end() {
                downstream.end();
            }
        };
    }

    @Override
    public String describe() {
        return "head -n " + count;
    }
}
