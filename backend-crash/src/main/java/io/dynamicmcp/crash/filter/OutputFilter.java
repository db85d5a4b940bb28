package io.dynamicmcp.crash.filter;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Filters the server applies to a command's output itself, so crash never pipes to a shell: grep, head,
 * tail and a line count, chained. Immutable and thread-safe; {@link #open} makes a fresh, single-use chain.
 * Memory stays bounded whatever the output size: only {@code tail} keeps lines, at most {@link #MAX_LINES}.
 */
public final class OutputFilter {

    /** The largest line count {@code head} and {@code tail} accept. */
    public static final int MAX_LINES = 100_000;

    private static final OutputFilter NONE = new OutputFilter(List.of());

    private final List<FilterStage> stages;

    private OutputFilter(List<FilterStage> stages) {
        this.stages = List.copyOf(stages);
    }

    /** Passes every line through. */
    public static OutputFilter none() {
        return NONE;
    }

    /**
     * The filter a tool call's explicit arguments ask for, applied in this order: grep, then head, then tail.
     *
     * @param grep a regular expression lines must contain, or null
     * @param head keep the first this many lines, or null
     * @param tail keep the last this many lines, or null
     * @throws ToolException naming the argument when one is invalid
     */
    public static OutputFilter of(String grep, Integer head, Integer tail) {
        List<FilterStage> stages = new ArrayList<>();
        if (grep != null) {
            stages.add(new GrepStage(LinePattern.compile("argument 'grep'", grep, false, false, false), "", false,
                    false));
        }
        if (head != null) {
            stages.add(new HeadStage(lineCount("argument 'head'", head)));
        }
        if (tail != null) {
            stages.add(new TailStage(lineCount("argument 'tail'", tail)));
        }
        return new OutputFilter(stages);
    }

    /**
     * The filters written after the first {@code |} of a command line, e.g. {@code grep -i panic | head -n 20}.
     *
     * @throws ToolException saying what is wrong and which filters are supported
     */
    public static OutputFilter parse(String pipeline) {
        return FilterParser.parse(requireNonNull(pipeline, "pipeline is null"));
    }

    static OutputFilter ofStages(List<FilterStage> stages) {
        return stages.isEmpty() ? NONE : new OutputFilter(stages);
    }

    static int lineCount(String what, long count) {
        if (count < 0 || count > MAX_LINES) {
            throw new ToolException(what + " must be a line count from 0 to " + MAX_LINES + ", got " + count);
        }
        return (int) count;
    }

    /** This filter, then {@code next} on what it lets through. */
    public OutputFilter then(OutputFilter next) {
        requireNonNull(next, "next is null");
        if (next.stages.isEmpty()) {
            return this;
        }
        List<FilterStage> all = new ArrayList<>(stages);
        all.addAll(next.stages);
        return new OutputFilter(all);
    }

    public boolean isEmpty() {
        return stages.isEmpty();
    }

    /** A fresh chain feeding {@code downstream}; call {@link LineSink#end()} on it when the output ends. */
    public LineSink open(LineSink downstream) {
        requireNonNull(downstream, "downstream is null");
        LineSink sink = downstream;
        for (int i = stages.size() - 1; i >= 0; i--) {
            sink = stages.get(i).open(sink);
        }
        return sink;
    }

    /** The filter in pipe syntax, e.g. {@code | grep 'panic' | head -n 5}, or empty. */
    @Override
    public String toString() {
        return stages.stream().map(stage -> "| " + stage.describe()).collect(Collectors.joining(" "));
    }
}
