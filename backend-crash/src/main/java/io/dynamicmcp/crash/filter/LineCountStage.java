package io.dynamicmcp.crash.filter;

/** Like {@code wc -l}: forwards one line, the number of lines it saw. */
record LineCountStage() implements FilterStage {

    @Override
    public LineSink open(LineSink downstream) {
        return new LineSink() {
            private long lines;

            @Override
            public void line(String line) {
                lines++;
            }

            @Override
            public void end() {
                downstream.line(Long.toString(lines));
                downstream.end();
            }
        };
    }

    @Override
    public String describe() {
        return "wc -l";
    }
}
