package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.ElfBuildId;
import io.dynamicmcp.crash.index.SymbolIndexCache;
import java.io.IOException;
import java.nio.file.Files;

import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.FlattenedDumps;
import io.dynamicmcp.crash.dump.KernelMatch;
import io.dynamicmcp.crash.dump.KernelMatcher;
import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.crash.session.SessionStarter;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Opens a new session of the caller on a dump: checks that crash is there and can read the dump, matches its vmlinux,
 * takes a place among the sessions, and starts crash, reporting progress while it loads.
 */
public final class SessionOpener {

    private final Optional<SessionStarter> starter;
    private final Optional<CrashBinary> crash;
    private final KernelMatcher kernels;
    private final SessionRegistry sessions;
    private final SymbolIndexCache index;
    private final Duration slotWait;
    private final FlattenedDumps flats;

    /** A session, and whether it was already open; for a new one, what became of the symbol index. */
    record Opened(CrashSession session, boolean reused, String symbolIndex) {
    }

    /**
     * @param starter how sessions start; empty when crash is not installed
     * @param crash the crash binary, for the version a session records; empty when not found
     * @param index indexed copies of vmlinux files, used when there is one and built after a session opens otherwise
     * @param slotWait how long a start waits in line when every session place is taken (CRASH_SESSION_WAIT)
     * @param flats what crash opens for a dump in makedumpfile's flattened format
     */
    public SessionOpener(Optional<SessionStarter> starter, Optional<CrashBinary> crash, KernelMatcher kernels,
            SessionRegistry sessions, SymbolIndexCache index, Duration slotWait, FlattenedDumps flats) {
        this.starter = requireNonNull(starter, "starter is null");
        this.crash = requireNonNull(crash, "crash is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.index = requireNonNull(index, "index is null");
        this.slotWait = requireNonNull(slotWait, "slotWait is null");
        this.flats = requireNonNull(flats, "flats is null");
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
        SessionStarter.Target matched = target(dump, call);
        Optional<String> buildId = ElfBuildId.read(matched.vmlinux());
        Optional<Path> indexed = buildId.flatMap(index::find);
        String symbolIndex = indexed.isPresent() ? "used: " + indexed.get()
                : index.unavailable().map(why -> "not used: " + why)
                        .orElse(buildId.isEmpty() ? "not used: the vmlinux has no build-id"
                                : "none yet for this kernel: it is built in the background after this session opens, "
                                        + "so the next start is faster");
        SessionStarter.Target target = new SessionStarter.Target(matched.dumpName(), matched.dump(), matched.vmlinux(),
                indexed.orElse(matched.vmlinux()), matched.release(), matched.crashVersion());
        String id = HexFormat.of().formatHex(RandomBytes.next(4));
        try {
            sessions.reserve(call.callerId(), slotWait, call.cancellation(), place -> call.progress(0, null,
                    "every crash session place is taken; waiting in line (" + ordinal(place) + ") for one"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while waiting for a free crash session");
        }
        CrashSession session;
        try {
            call.progress(0, null, "index: " + symbolIndex);
            session = starter.start(id, call.callerId(), target, timeout, call.cancellation(),
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
        if (indexed.isEmpty()) {
            index.buildInBackground(matched.vmlinux());
        }
        return new Opened(session, false, symbolIndex);
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

    private SessionStarter.Target target(DumpFile dump, ToolCall call) {
        dump.unreadableReason().ifPresent(why -> {
            throw new ToolException("cannot read " + dump.name() + ": " + why);
        });
        if (!dump.condition().complete()) {
            throw new ToolException("'" + dump.name() + "' is " + dump.condition().state().wireName().replace('_', ' ')
                    + ", so crash is not started on it: " + dump.condition().reason().orElse("") + ". Its kernel log, "
                    + "where kdump saved one beside it, is the resource crash-dump:///" + dump.name() + "/dmesg; "
                    + "list_crash_dumps shows the state of every dump.");
        }
        if (!dump.format().isDump()) {
            throw new ToolException("'" + dump.name() + "' is not a crash dump: its first bytes match no format crash "
                    + "reads (ELF core, kdump-compressed, diskdump), and crash --osrelease cannot read a kernel release "
                    + "from it. Pick a vmcore from list_crash_dumps.");
        }
        String release = dump.kernel().release().orElseThrow(() -> new ToolException("cannot read the kernel release "
                + "of " + dump.name() + " (" + dump.format().description() + "): neither crash --osrelease nor its "
                + "VMCOREINFO names it, so its vmlinux cannot be matched. The dump may be truncated or made without "
                + "VMCOREINFO."));
        KernelMatch match = kernels.find(dump.kernel(), dump.path());
        Path vmlinux = match.vmlinux().orElseThrow(() -> new ToolException(match.missingMessage(release)));
        String version = crash.map(CrashBinary::version).orElse("unknown");
        Path opened = flats.openable(dump, call.cancellation(), message -> call.progress(0, null, message));
        return new SessionStarter.Target(dump.name(), opened, vmlinux, release, version);
    }
}
