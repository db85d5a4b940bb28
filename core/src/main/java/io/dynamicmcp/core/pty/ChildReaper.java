package io.dynamicmcp.core.pty;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Kills every child still running when the JVM shuts down, however the shutdown began. */
final class ChildReaper {

    private static final Set<PtyChild> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private ChildReaper() {
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

    /** How many children are still alive; for tests and diagnostics. */
    static int liveCount() {
        return LIVE.size();
    }

    private static synchronized void hook() {
        if (hooked) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(PtyChild::kill), "pty-child-reaper"));
        hooked = true;
    }
}
