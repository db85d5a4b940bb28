package io.dynamicmcp.transport.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP sessions this server has open (Streamable HTTP and legacy SSE alike): at most {@code max} of them, each
 * ended when its client deletes it, disconnects, or leaves it idle too long. Ending a session closes the SDK's side
 * and tells the owner (who releases what the client held). Thread-safe.
 */
final class McpSessions {

    private static final Logger LOG = LoggerFactory.getLogger(McpSessions.class);

    /** The reservation taken by the request now being handled on this thread, for the SDK's session factory. */
    static final ThreadLocal<Reservation> CURRENT = new ThreadLocal<>();

    private final int max;
    private final Duration idleTimeout;
    private final BiConsumer<String, String> onEnded;
    private final Map<String, Entry> live = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private int reserved;

    /**
     * @param onEnded called with the session id and the reason once a session has ended
     */
    McpSessions(int max, Duration idleTimeout, BiConsumer<String, String> onEnded) {
        this.max = max;
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.onEnded = requireNonNull(onEnded, "onEnded is null");
    }

    int max() {
        return max;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /** A place for one new session, or null when {@code max} are open already. */
    synchronized Reservation tryReserve() {
        if (live.size() + reserved >= max) {
            return null;
        }
        reserved++;
        return new Reservation();
    }

    /** Records a session the SDK created; {@code closer} closes the SDK's side of it. */
    void register(Reservation reservation, String id, Runnable closer) {
        synchronized (this) {
            if (reservation != null && !reservation.used) {
                reservation.used = true;
                reserved--;
            }
            live.put(id, new Entry(closer));
        }
        if (reservation != null) {
            reservation.sessionId = id;
        }
        LOG.debug("MCP session {} opened", id);
    }

    /** Another name for a session (the legacy SSE transport's URL id). */
    synchronized void alias(String alias, String id) {
        if (live.containsKey(id)) {
            aliases.put(alias, id);
        }
    }

    /** The session id behind an alias, or null if it is unknown or ended. */
    synchronized String resolve(String alias) {
        String id = aliases.get(alias);
        return id != null && live.containsKey(id) ? id : null;
    }

    synchronized boolean isLive(String id) {
        return live.containsKey(id);
    }

    synchronized int size() {
        return live.size();
    }

    synchronized List<String> ids() {
        return List.copyOf(live.keySet());
    }

    /** A request for this session started; the session is not idle while it runs. */
    synchronized void enter(String id) {
        Entry entry = live.get(id);
        if (entry != null) {
            entry.open++;
            entry.lastActive = System.nanoTime();
        }
    }

    /** A request for this session ended. */
    synchronized void exit(String id) {
        Entry entry = live.get(id);
        if (entry != null) {
            entry.open = Math.max(0, entry.open - 1);
            entry.lastActive = System.nanoTime();
        }
    }

    /** Ends a session: closes the SDK's side and notifies the owner. Harmless for an unknown or ended session. */
    boolean end(String id, String reason) {
        Entry entry;
        synchronized (this) {
            entry = live.remove(id);
            aliases.values().removeIf(id::equals);
        }
        if (entry == null) {
            return false;
        }
        LOG.info("MCP session {} ended: {}", id, reason);
        try {
            entry.closer.run();
        } catch (RuntimeException e) {
            LOG.debug("closing session {} failed: {}", id, e.toString());
        }
        try {
            onEnded.accept(id, reason);
        } catch (RuntimeException e) {
            LOG.warn("releasing what session {} owned failed", id, e);
        }
        return true;
    }

    /** Ends every session with no request running and none for at least the idle timeout. */
    void expireIdle() {
        long now = System.nanoTime();
        List<String> idle = new ArrayList<>();
        synchronized (this) {
            live.forEach((id, entry) -> {
                if (entry.open == 0 && now - entry.lastActive >= idleTimeout.toNanos()) {
                    idle.add(id);
                }
            });
        }
        idle.forEach(id -> end(id, "idle for " + idleTimeout.toSeconds() + " s (HTTP_SESSION_IDLE_TIMEOUT)"));
    }

    void endAll(String reason) {
        ids().forEach(id -> end(id, reason));
    }

    /** A place held for a session being created; release it if none was created. */
    final class Reservation {

        private boolean used;
        private volatile String sessionId;

        /** The id of the session created with this reservation, or null. */
        String sessionId() {
            return sessionId;
        }

        void releaseIfUnused() {
            synchronized (McpSessions.this) {
                if (!used) {
                    used = true;
                    reserved--;
                }
            }
        }
    }

    private static final class Entry {

        private final Runnable closer;
        private int open;
        private long lastActive = System.nanoTime();

        private Entry(Runnable closer) {
            this.closer = closer;
        }
    }
}
