package io.dynamicmcp.core.process;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** A started program as the host sees it, however it was started: its pid, whether it runs, how it ended. */
interface Program {

    long pid();

    boolean isAlive();

    /** The exit code, or 128 plus the signal that ended it; empty while it runs. */
    OptionalInt exitStatus();

    /** Completes with the exit status when the program has exited and been reaped. */
    CompletableFuture<Integer> onExit();

    /** Sends a signal to the program alone; nothing once it has been reaped (its pid may be reused). */
    void signal(int signal);

    default boolean waitFor(Duration timeout) throws InterruptedException {
        try {
            onExit().get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !isAlive();
        }
    }
}
