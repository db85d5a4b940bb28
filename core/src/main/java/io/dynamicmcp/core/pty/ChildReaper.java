package io.dynamicmcp.core.pty;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills every child still running when the JVM shuts down, however the shutdown began. Owners that close their
 * children in an orderly way at shutdown (an HTTP server draining its calls) get a grace period first; whatever is
 * still alive after it is killed.
 */
public final class ChildReaper {

    private static final Set<PtyChild> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;
    private static volatile Duration shutdownGrace = Duration.ZERO;

    private ChildReaper() {
    }

    /** How long the shutdown hook lets owners close their children before it kills the rest. */
    public static void setShutdownGrace(Duration grace) {
        shutdownGrace = grace;
    }

    static void register(PtyChild child) {
        if (!hooked) {
            hook();
        }
        LIVE.add(child);
    }

    static void unregister(PtyChild child) {
        LIVE.remove(child);
    }

    private static synchronized void hook() {
        if (hooked) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ChildReaper::reap, "pty-child-reaper"));
        hooked = true;
    }

    private static void reap() {
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        try {
            while (!LIVE.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.forEach(PtyChild::kill);
    }
}
