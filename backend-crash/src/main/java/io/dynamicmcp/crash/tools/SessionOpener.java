package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.crash.dump.DumpFile;
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

    /**
     * @param starter how sessions start; empty when crash is not installed
     * @param crash the crash binary, for the version a session records; empty when not found
     */
    public SessionOpener(Optional<SessionStarter> starter, Optional<CrashBinary> crash, KernelMatcher kernels,
            SessionRegistry sessions) {
        this.starter = requireNonNull(starter, "starter is null");
        this.crash = requireNonNull(crash, "crash is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    /** Starts a new session of the caller on {@code dump}, reporting progress while crash loads. */
    CrashSession open(ToolCall call, DumpFile dump, Duration timeout) {
        SessionStarter starter = this.starter.orElseThrow(() -> new ToolException("the crash utility was not found; "
                + CrashBinary.INSTALL_HINT));
        SessionStarter.Target target = target(dump);
        String id = HexFormat.of().formatHex(RandomBytes.next(16));
        sessions.reserve();
        CrashSession session;
        try {
            call.progress(0, null, "starting crash on " + dump.name());
            session = starter.start(id, call.callerId(), target, timeout, call.cancellation(),
                    seconds -> call.progress(seconds, null, "crash is loading " + dump.name() + ": " + seconds + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sessions.abandoned();
            throw new ToolException("interrupted while starting crash");
        } catch (RuntimeException e) {
            sessions.abandoned();
            throw e;
        }
        sessions.added(session);
        return session;
    }

    private SessionStarter.Target target(DumpFile dump) {
        dump.unreadableReason().ifPresent(why -> {
            throw new ToolException("cannot read " + dump.name() + ": " + why);
        });
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
        return new SessionStarter.Target(dump.name(), dump.path(), vmlinux, release, version);
    }
}
