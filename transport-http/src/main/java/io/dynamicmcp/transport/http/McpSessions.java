package io.dynamicmcp.transport.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initialize-era MCP sessions this server has open (Streamable HTTP and legacy SSE alike): at most {@code max} of
 * them, each bound to the caller that opened it, each ended when its client deletes it, disconnects, or leaves it idle
 * too long. Ending a session closes the SDK's side and tells the owner. Thread-safe.
 */
final class McpSessions {

    private static final Logger LOG = LoggerFactory.getLogger(McpSessions.class);

    /** The reservation taken by the request now being handled on this thread, for the SDK's session factory. */
    static final ThreadLocal<Reservation> CURRENT = new ThreadLocal<>();

    private final int max;
    private final Duration idleTimeout;
    private final Callers callers;
    private final Map<String, Entry> live = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private int reserved;

    /**
     * @param callers told when a session of a caller opens and ends; a caller that is one session ends with it
     */
    McpSessions(int max, Duration idleTimeout, Callers callers) {
        this.max = max;
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.callers = requireNonNull(callers, "callers is null");
    }

    int max() {
        return max;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * A place for one new session, or null when {@code max} are open already.
     *
     * @param tokenCaller the caller the opening request's token names, or null if it names none
     */
    synchronized Reservation tryReserve(String tokenCaller) {
        if (live.size() + reserved >= max) {
            return null;
        }
        reserved++;
        return new Reservation(tokenCaller);
    }

    /**
     * Records a session the SDK created; {@code closer} closes the SDK's side of it.
     *
     * @return the caller the session is bound to: the reservation's token identity, or the session itself
     */
    String register(Reservation reservation, String id, Runnable closer) {
        String caller = reservation != null && reservation.tokenCaller != null ? reservation.tokenCaller
                : Identities.ofSession(id);
        synchronized (this) {
            if (reservation != null && !reservation.used) {
                reservation.used = true;
                reserved--;
            }
            live.put(id, new Entry(closer, caller));
        }
        callers.enter(caller);
        if (reservation != null) {
            reservation.sessionId = id;
        }
        LOG.debug("MCP session {} opened", Identities.shortened(id));
        return caller;
    }

    /** The caller session {@code id} is bound to, or null if it is unknown or ended. */
    synchronized String callerOf(String id) {
        Entry entry = live.get(id);
        return entry == null ? null : entry.caller;
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
        LOG.info("MCP session {} ended: {}", Identities.shortened(id), reason);
        try {
            entry.closer.run();
        } catch (RuntimeException e) {
            LOG.debug("closing session {} failed: {}", Identities.shortened(id), e.toString());
        }
        if (entry.caller.equals(Identities.ofSession(id))) {
            callers.end(entry.caller, "its only session ended: " + reason);
        } else {
            callers.exit(entry.caller);
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

        private final String tokenCaller;
        private boolean used;
        private volatile String sessionId;

        private Reservation(String tokenCaller) {
            this.tokenCaller = tokenCaller;
        }

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
        private final String caller;
        private int open;
        private long lastActive = System.nanoTime();

        private Entry(Runnable closer, String caller) {
            this.closer = closer;
            this.caller = caller;
        }
    }
}
