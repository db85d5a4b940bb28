package io.dynamicmcp.crash.filter;

/** One step of an {@link OutputFilter}: an immutable description that opens a fresh sink per command. */
interface FilterStage {

    LineSink open(LineSink downstream);

    /** The stage in pipe syntax, e.g. {@code grep -i panic}. */
    String describe();
}
