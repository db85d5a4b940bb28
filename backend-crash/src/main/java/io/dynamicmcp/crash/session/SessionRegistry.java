package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ToolException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.lang.System.Logger.Level;

/**
 * The live sessions, keyed by id and owned by callers: a caller sees only its own sessions (another's id is
 * "no such session"). Enforces the maximum, closes idle sessions, and closes everything on close.
 */
public final class SessionRegistry implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SessionRegistry.class.getName());
    private static final int REMEMBERED_ENDINGS = 64;

    private final int maxSessions;
    private final Duration idleTimeout;
    private final Map<String, CrashSession> sessions = new LinkedHashMap<>();
    private final Map<String, String> endings = new LinkedHashMap<>();
    private final ScheduledExecutorService reaper;
    private int starting;
    private boolean closed;
    private final Consumer<String> sessionEnded;
    private final Runnable changed;

    /**
     * @param sessionEnded told the id of every session that ends, however it ends (to drop its stored outputs)
     * @param changed run after a session is added or forgotten (the list of sessions changed)
     */
    public SessionRegistry(int maxSessions, Duration idleTimeout, Consumer<String> sessionEnded, Runnable changed) {
        this.sessionEnded = requireNonNull(sessionEnded, "sessionEnded is null");
        this.changed = requireNonNull(changed, "changed is null");
        this.maxSessions = maxSessions;
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "crash-idle-reaper");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, Math.min(idleTimeout.toSeconds() / 2, 30));
        reaper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.SECONDS);
    }

    /** Reserves a place for a session about to start; release it with {@link #added} or {@link #abandoned}. */
    public synchronized void reserve() {
        if (closed) {
            throw new ToolException("the crash provider is shutting down");
        }
        if (sessions.size() + starting >= maxSessions) {
            throw new ToolException("too many crash sessions: " + maxSessions + " are open (CRASH_MAX_SESSIONS); close "
                    + "one of yours with close_crash_session, or wait until idle sessions close");
        }
        starting++;
    }

    public void added(CrashSession session) {
        boolean accepted;
        synchronized (this) {
            starting--;
            accepted = !closed;
            if (accepted) {
                sessions.put(session.id(), session);
            }
        }
        if (!accepted) {
            session.close();
            throw new ToolException("the crash provider is shutting down");
        }
        changed.run();
    }

    public synchronized void abandoned() {
        starting--;
    }

    /**
     * The caller's session with {@code id}, or when no id is given, the caller's most recent one.
     *
     * @throws ToolException when there is none; an ended session's error says why it ended
     */
    public CrashSession find(String caller, Optional<String> id) {
        List<CrashSession> own = sessionsOf(caller);
        if (id.isPresent()) {
            for (CrashSession session : own) {
                if (session.id().equals(id.get())) {
                    return session;
                }
            }
            String ending;
            synchronized (this) {
                ending = endings.get(caller + "/" + id.get());
            }
            if (ending != null) {
                throw new SessionEndedException(id.get(), ending);
            }
            throw new ToolException("no crash session '" + id.get() + "'" + yours(own));
        }
        if (own.isEmpty()) {
            throw new ToolException("no crash session is open; start one with start_crash_session");
        }
        return own.get(own.size() - 1);
    }

    /** The caller's sessions, oldest first; ended ones are removed on the way. */
    public List<CrashSession> sessionsOf(String caller) {
        List<CrashSession> own = new ArrayList<>();
        List<CrashSession> gone = new ArrayList<>();
        synchronized (this) {
            for (CrashSession session : sessions.values()) {
                if (session.endReason().isPresent()) {
                    gone.add(session);
                } else if (session.owner().equals(caller)) {
                    own.add(session);
                }
            }
            gone.forEach(session -> forget(session, session.endReason().orElse("ended")));
        }
        own.sort(Comparator.comparing(s -> s.info().started()));
        return own;
    }

    /** Every open session of every caller, oldest first (for listing; never to hand one to another caller). */
    public List<CrashSession> all() {
        List<CrashSession> open;
        synchronized (this) {
            open = new ArrayList<>(sessions.values());
        }
        open.removeIf(session -> session.endReason().isPresent());
        open.sort(Comparator.comparing(s -> s.info().started()));
        return open;
    }

    /** Closes one session and forgets it. */
    public void close(CrashSession session, String why) {
        synchronized (this) {
            forget(session, why);
        }
        session.close();
    }

    /** Closes every session of a caller whose connection ended. */
    public void closeCaller(String caller) {
        sessionsOf(caller).forEach(session -> close(session, "the client disconnected"));
    }

    public synchronized int size() {
        return sessions.size();
    }

    @Override
    public void close() {
        List<CrashSession> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(sessions.values());
            sessions.clear();
        }
        reaper.shutdownNow();
        all.parallelStream().forEach(CrashSession::close);
    }

    private void closeIdle() {
        Instant limit = Instant.now().minus(idleTimeout);
        List<CrashSession> idle = new ArrayList<>();
        synchronized (this) {
            for (CrashSession session : sessions.values()) {
                if (!session.busy() && session.lastUsed().isBefore(limit)) {
                    idle.add(session);
                }
            }
        }
        for (CrashSession session : idle) {
            LOG.log(Level.INFO, "closing crash session {0} after {1} s idle", session.id(), idleTimeout.toSeconds());
            close(session, "closed after " + idleTimeout.toSeconds() + " s without a command (CRASH_IDLE_TIMEOUT)");
        }
    }

    private void forget(CrashSession session, String why) {
        if (sessions.remove(session.id()) != null) {
            sessionEnded.accept(session.id());
            endings.put(session.owner() + "/" + session.id(), why);
            while (endings.size() > REMEMBERED_ENDINGS) {
                endings.remove(endings.keySet().iterator().next());
            }
            changed.run();
        }
    }

    private static String yours(List<CrashSession> own) {
        if (own.isEmpty()) {
            return "; you have no open session (start one with start_crash_session)";
        }
        List<String> ids = own.stream().map(CrashSession::id).toList();
        return "; your open sessions: " + String.join(", ", ids);
    }
}
