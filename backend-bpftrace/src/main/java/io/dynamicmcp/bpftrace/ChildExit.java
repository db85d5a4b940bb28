package io.dynamicmcp.bpftrace;

import io.dynamicmcp.core.pty.PtyChild;
import java.time.Duration;

/**
 * Waits for a pty child to exit without {@link Process#waitFor(long, java.util.concurrent.TimeUnit)}: pty4j
 * does not override the timed wait, whose default implementation polls every 100 ms, which added up to
 * 100 ms to every run. pty4j's reaper thread updates {@code isAlive()} as soon as the child exits.
 */
final class ChildExit {

    private ChildExit() {
    }

    /** True if the child exited within {@code timeout}. */
    static boolean await(PtyChild child, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (child.isAlive()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
        return true;
    }
}
