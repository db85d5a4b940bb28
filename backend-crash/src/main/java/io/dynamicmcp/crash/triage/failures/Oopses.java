package io.dynamicmcp.crash.triage.failures;

import java.util.List;

/** What the oops classes share. */
final class Oopses {

    static final List<String> NEXT_STEPS = List.of(
            "crash_command 'dis -rl <RIP function>+<offset>' to see the code leading to the faulting instruction",
            "crash_command 'bt -f' for the frames' stack contents (arguments, saved pointers)",
            "crash_command 'log | grep -B5 -A40 \"cut here\\|Oops\\|BUG:\"' for earlier warnings of the same bug");

    private Oopses() {
    }
}
