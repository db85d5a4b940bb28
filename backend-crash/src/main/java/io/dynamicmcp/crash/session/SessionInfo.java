package io.dynamicmcp.crash.session;

import io.dynamicmcp.crash.symbols.ModuleDebugInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a session was started on, and what crash reported when it loaded.
 *
 * @param startupWarnings crash's {@code WARNING:} lines while it loaded the dump
 * @param moduleSymbols what became of each module's debug information (empty when the dump has no modules or the
 *     server does not load them)
 */
public record SessionInfo(
        String id,
        String dumpName,
        Path dump,
        Path vmlinux,
        String release,
        String crashVersion,
        Optional<String> panic,
        Instant started,
        Duration loadTime,
        List<String> startupWarnings,
        List<ModuleDebugInfo> moduleSymbols) {

    /** What crash before 8.0.4 says at start-up on kernels whose task list it cannot read. */
    public static final String PID_HASH_WARNING = "not found in PID hash";

    public SessionInfo {
        startupWarnings = List.copyOf(startupWarnings);
        moduleSymbols = List.copyOf(moduleSymbols);
    }

    public SessionInfo(String id, String dumpName, Path dump, Path vmlinux, String release, String crashVersion,
            Optional<String> panic, Instant started, Duration loadTime) {
        this(id, dumpName, dump, vmlinux, release, crashVersion, panic, started, loadTime, List.of(), List.of());
    }

    /**
     * Whether this crash cannot see this kernel's sleeping tasks: it warned that the tasks running on the CPUs are
     * not in the PID hash, as crash before 8.0.4 does on kernels whose {@code struct pid} ends in a flexible array
     * (6.5 and later, and 6.1 stable kernels such as Debian 12's).
     */
    public boolean crashMissesSleepingTasks() {
        return startupWarnings.stream().anyMatch(w -> w.contains(PID_HASH_WARNING));
    }
}
