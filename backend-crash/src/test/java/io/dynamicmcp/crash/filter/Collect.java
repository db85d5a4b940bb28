package io.dynamicmcp.crash.filter;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what reaches it, for tests. */
public final class Collect implements LineSink {

    final List<String> lines = new ArrayList<>();
    int ends;

    @Override
    public void line(String line) {
        lines.add(line);
    }

    @Override
    public void end() {
        ends++;
    }

    public static List<String> run(OutputFilter filter, List<String> input) {
        Collect collect = new Collect();
        LineSink sink = filter.open(collect);
        input.forEach(sink::line);
        sink.end();
        if (collect.ends != 1) {
            throw new AssertionError("end() reached the sink " + collect.ends + " times");
        }
        return collect.lines;
    }
}
