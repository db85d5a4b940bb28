package io.dynamicmcp.crash.triage;

import java.util.List;

/** Picks the kernel log lines that lead up to the panic out of the tail of {@code log}. */
public final class KernelLog {

    /** The most lines kept. */
    public static final int LINES_BEFORE_PANIC = 30;

    private KernelLog() {
    }

    /**
     * Up to {@link #LINES_BEFORE_PANIC} lines ending with the first "Kernel panic" line of the tail, or the last
     * lines of the tail when it has none.
     */
    public static List<String> beforePanic(List<String> tail) {
        int end = tail.size();
        for (int i = 0; i < tail.size(); i++) {
            if (tail.get(i).contains("Kernel panic - not syncing")) {
                end = i + 1;
                break;
            }
        }
        return List.copyOf(tail.subList(Math.max(0, end - LINES_BEFORE_PANIC), end));
    }
}
