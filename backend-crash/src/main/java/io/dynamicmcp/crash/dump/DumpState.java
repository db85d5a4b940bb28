package io.dynamicmcp.crash.dump;

import java.util.Locale;

/** Whether a dump can be opened yet. */
public enum DumpState {
    /** Whole, as far as the server can tell. */
    COMPLETE,
    /** Cut short, or marked unfinished by the tool that wrote it: crash cannot load it. */
    INCOMPLETE,
    /** Still growing (modified a moment ago): open it once it is complete. */
    BEING_WRITTEN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
