package io.dynamicmcp.transport.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callers (identities) this server has seen, and when each is gone. A caller is busy while it has something open
 * here: a request running, an event stream, an initialize-era session. One that has had nothing open for the idle
 * timeout is ended, and so is one bound to a single connection once that ends (a session with no other identity):
 * {@code onEnded} then releases what it owned. A client that comes back with the same credential before then is the
 * same caller and finds its handles. Thread-safe.
 */
final class Callers {

    private static final Logger LOG = LoggerFactory.getLogger(Callers.class);

    private final Duration idleTimeout;
    private final Consumer<String> onEnded;
    private final Map<String, Activity> seen = new HashMap<>();

    Callers(Duration idleTimeout, Consumer<String> onEnded) {
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.onEnded = requireNonNull(onEnded, "onEnded is null");
    }

    /** Something of {@code caller} opened: a request, a stream or a session. */
    synchronized void enter(String caller) {
        Activity activity = seen.computeIfAbsent(caller, id -> new Activity());
        activity.open++;
        activity.lastActive = System.nanoTime();
    }

    /** Something of {@code caller} that {@link #enter} counted closed. */
    synchronized void exit(String caller) {
        Activity activity = seen.get(caller);
        if (activity != null) {
            activity.open = Math.max(0, activity.open - 1);
            activity.lastActive = System.nanoTime();
        }
    }

    synchronized boolean isKnown(String caller) {
        return seen.containsKey(caller);
    }

    /** Ends {@code caller} now, whatever it has open; harmless for one unknown or ended. */
    void end(String caller, String reason) {
        synchronized (this) {
            if (seen.remove(caller) == null) {
                return;
            }
        }
        LOG.info("caller {} ended: {}", Identities.printable(caller), reason);
        try {
            onEnded.accept(caller);
        } catch (RuntimeException e) {
            LOG.warn("releasing what caller {} owned failed", Identities.printable(caller), e);
        }
    }

    /** Ends every caller with nothing open and no activity for at least the idle timeout. */
    void expireIdle() {
        long now = System.nanoTime();
        List<String> idle = new ArrayList<>();
        synchronized (this) {
            seen.forEach((caller, activity) -> {
                if (activity.open == 0 && now - activity.lastActive >= idleTimeout.toNanos()) {
                    idle.add(caller);
                }
            });
        }
        idle.forEach(caller -> end(caller, "nothing open for " + idleTimeout.toSeconds() + " s (HTTP_SESSION_IDLE_TIMEOUT)"));
    }

    void endAll(String reason) {
        List<String> all;
        synchronized (this) {
            all = List.copyOf(seen.keySet());
        }
        all.forEach(caller -> end(caller, reason));
    }

    private static final class Activity {

        private int open;
        private long lastActive = System.nanoTime();
    }
}
