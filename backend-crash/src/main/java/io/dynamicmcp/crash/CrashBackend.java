package io.dynamicmcp.crash;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.core.pty.PtyLauncher;
import io.dynamicmcp.crash.command.CommandGate;
import io.dynamicmcp.crash.command.ReadOnlyCommandGate;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.crash.dump.DumpNames;
import io.dynamicmcp.crash.dump.KernelMatcher;
import io.dynamicmcp.crash.dump.ReleaseReader;
import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.crash.session.CrashExecutable;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.crash.session.SessionStarter;
import io.dynamicmcp.spi.ToolException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything the crash tools share: settings, dump discovery, kernel matching, sessions and the command gate. */
public final class CrashBackend implements AutoCloseable {

    /** How long a call waits for another command on the same session before "session busy". */
    public static final Duration BUSY_WAIT = Duration.ofSeconds(5);

    private final CrashSettings settings;
    private final Optional<CrashBinary> crash;
    private final KernelMatcher kernels;
    private final DumpLocator dumps;
    private final SessionRegistry sessions;
    private final Optional<SessionStarter> starter;
    private final CommandGate gate;

    /**
     * @param executable how to start crash; empty to use {@code crash} through a per-session symlink
     */
    public CrashBackend(CrashSettings settings, Path stateDirectory, Optional<CrashBinary> crash,
            Optional<CrashExecutable> executable) {
        this.settings = requireNonNull(settings, "settings is null");
        this.crash = requireNonNull(crash, "crash is null");
        this.kernels = new KernelMatcher(settings.debugSymbolRoots(), settings.kernelPath());
        this.dumps = new DumpLocator(new DumpNames(settings.dumpPath()), new ReleaseReader(crash), kernels);
        this.sessions = new SessionRegistry(settings.maxSessions(), settings.idleTimeout());
        Optional<CrashExecutable> how = executable.or(() -> crash.map(binary -> CrashExecutable.symlinkTo(binary.path())));
        this.starter = how.map(e -> new SessionStarter(new PtyLauncher(), e, stateDirectory.resolve("sessions"),
                settings.interruptGrace()));
        this.gate = new ReadOnlyCommandGate();
    }

    public CrashSettings settings() {
        return settings;
    }

    public Optional<CrashBinary> crash() {
        return crash;
    }

    public KernelMatcher kernels() {
        return kernels;
    }

    public DumpLocator dumps() {
        return dumps;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public CommandGate gate() {
        return gate;
    }

    /** The session starter, or a clear error when crash is not installed. */
    public SessionStarter starter() {
        return starter.orElseThrow(() -> new ToolException("the crash utility was not found; " + CrashBinary.INSTALL_HINT));
    }

    @Override
    public void close() {
        sessions.close();
    }
}
