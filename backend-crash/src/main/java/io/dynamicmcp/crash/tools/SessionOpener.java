package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.crash.session.SessionStarter;
import io.dynamicmcp.crash.session.SessionTargets;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Opens a new session of the caller on a dump: checks that crash is there and can read the dump, matches its vmlinux
 * ({@link SessionTargets}), takes a place among the sessions, waiting in line when all are taken, and starts crash,
 * reporting progress while it loads.
 */
public final class SessionOpener {

    private final Optional<SessionStarter> starter;
    private final SessionTargets targets;
    private final SessionRegistry sessions;
    private final Duration slotWait;

    /** A session, and whether it was already open; for a new one, what became of the symbol index. */
    record Opened(CrashSession session, boolean reused, String symbolIndex) {
    }

    /**
     * @param starter how sessions start; empty when crash is not installed
     * @param slotWait how long a start waits in line when every session place is taken (CRASH_SESSION_WAIT)
     */
    public SessionOpener(Optional<SessionStarter> starter, SessionTargets targets, SessionRegistry sessions,
            Duration slotWait) {
        this.starter = requireNonNull(starter, "starter is null");
        this.targets = requireNonNull(targets, "targets is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.slotWait = requireNonNull(slotWait, "slotWait is null");
    }

    /**
     * The caller's open session on {@code dump} (the same file, under any name), unless {@code fresh} or there is
     * none; then a new one. Another caller's sessions are never reused.
     */
    Opened openOrReuse(ToolCall call, DumpFile dump, Duration timeout, boolean fresh) {
        if (!fresh) {
            Optional<CrashSession> open = sessions.sessionsOf(call.callerId()).stream()
                    .filter(session -> session.info().dumpName().equals(dump.name())
                            || sameFile(session.info().dump(), dump.path())).reduce((first, second) -> second);
            if (open.isPresent()) {
                return new Opened(open.get(), true, "not needed: the session was already open");
            }
        }
        return openNew(call, dump, timeout);
    }

    /** Starts a new session of the caller on {@code dump}, reporting progress while crash loads. */
    CrashSession open(ToolCall call, DumpFile dump, Duration timeout) {
        return openNew(call, dump, timeout).session();
    }

    private Opened openNew(ToolCall call, DumpFile dump, Duration timeout) {
        SessionStarter starter = this.starter.orElseThrow(() -> new ToolException("the crash utility was not found; "
                + CrashBinary.INSTALL_HINT));
        SessionTargets.Prepared prepared = targets.prepare(dump, call.cancellation(),
                message -> call.progress(0, null, message));
        String id = HexFormat.of().formatHex(RandomBytes.next(16));
        try {
            sessions.reserve(call.callerId(), slotWait, call.cancellation(), place -> call.progress(0, null,
                    "every crash session place is taken; waiting in line (" + ordinal(place) + ") for one"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while waiting for a free crash session");
        }
        CrashSession session;
        try {
            call.progress(0, null, "index: " + prepared.symbolIndex());
            session = starter.start(id, call.callerId(), prepared.target(), timeout, call.cancellation(),
                    (phase, detail, seconds) -> call.progress(seconds, null, phase + ": " + detail + " (" + dump.name()
                            + ", " + seconds + " s)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sessions.abandoned();
            throw new ToolException("interrupted while starting crash");
        } catch (RuntimeException e) {
            sessions.abandoned();
            throw e;
        }
        sessions.added(session);
        targets.opened(prepared, session.info().moduleSymbols());
        return new Opened(session, false, prepared.symbolIndex());
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b);
        }
    }

    private static String ordinal(int place) {
        return place == 1 ? "next" : place + " in line";
    }
}
