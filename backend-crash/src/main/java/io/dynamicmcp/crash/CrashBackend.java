package io.dynamicmcp.crash;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DmesgFiles;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.crash.dump.DumpNames;
import io.dynamicmcp.crash.dump.DumpWatcher;
import io.dynamicmcp.crash.dump.KernelMatcher;
import io.dynamicmcp.crash.dump.ReleaseReader;
import io.dynamicmcp.crash.output.OutputStore;
import io.dynamicmcp.crash.policy.CommandPolicy;
import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.crash.session.CrashExecutable;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.crash.session.SessionStarter;
import io.dynamicmcp.spi.AuditLog;
import io.dynamicmcp.spi.ProcessService;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.lang.System.Logger.Level;

/**
 * Everything the crash tools and resources share: settings, dump discovery and the watcher of the dump folder,
 * kernel matching, sessions, the command policy, the store of large outputs and the audit log.
 */
public final class CrashBackend implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CrashBackend.class.getName());

    /** How long a call waits for another command on the same session before "session busy". */
    public static final Duration BUSY_WAIT = Duration.ofSeconds(5);

    private final CrashSettings settings;
    private final Optional<CrashBinary> crash;
    private final KernelMatcher kernels;
    private final DumpLocator dumps;
    private final DmesgFiles dmesg;
    private final Optional<DumpWatcher> watcher;
    private final SessionRegistry sessions;
    private final Optional<SessionStarter> starter;
    private final CommandPolicy policy;
    private final OutputStore outputs;
    private final AuditLog audit;

    /**
     * @param executable how to start crash; empty to use {@code crash} through a per-session symlink
     * @param resourcesChanged run when dumps appear or go under the dump folder, or a session opens or ends
     */
    public CrashBackend(CrashSettings settings, Path stateDirectory, Optional<CrashBinary> crash,
            Optional<CrashExecutable> executable, CommandPolicy policy, OutputStore outputs, AuditLog audit,
            ProcessService processes, Runnable resourcesChanged) {
        this.settings = requireNonNull(settings, "settings is null");
        this.crash = requireNonNull(crash, "crash is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.kernels = new KernelMatcher(settings.debugSymbolRoots(), settings.kernelPath());
        DumpNames names = new DumpNames(settings.dumpPath());
        this.dumps = new DumpLocator(names, new ReleaseReader(crash), kernels);
        this.dmesg = new DmesgFiles(names);
        this.sessions = new SessionRegistry(settings.maxSessions(), settings.idleTimeout(), outputs::removeSession,
                resourcesChanged);
        this.watcher = watch(names.root(), resourcesChanged);
        Optional<CrashExecutable> how = executable.or(() -> crash.map(binary -> CrashExecutable.symlinkTo(binary.path())));
        this.starter = how.map(e -> new SessionStarter(processes, e, stateDirectory.resolve("sessions"),
                settings.interruptGrace(), settings.hangLimit(), policy.extensions()));
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

    /** The kernel logs kdump saved beside the dumps. */
    public DmesgFiles dmesg() {
        return dmesg;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public CommandPolicy policy() {
        return policy;
    }

    public OutputStore outputs() {
        return outputs;
    }

    public AuditLog audit() {
        return audit;
    }

    /** The session starter, or a clear error when crash is not installed. */
    public SessionStarter starter() {
        return starter.orElseThrow(() -> new ToolException("the crash utility was not found; " + CrashBinary.INSTALL_HINT));
    }

    @Override
    public void close() {
        watcher.ifPresent(DumpWatcher::close);
        sessions.close();
        outputs.close();
    }

    private static Optional<DumpWatcher> watch(Path root, Runnable changed) {
        try {
            return Optional.of(DumpWatcher.start(root, changed));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch {0} for new dumps ({1}); clients learn of new dumps when they list resources again",
                    root, e.toString());
            return Optional.empty();
        }
    }
}
