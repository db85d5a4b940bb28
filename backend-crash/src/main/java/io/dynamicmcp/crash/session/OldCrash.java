package io.dynamicmcp.crash.session;

import java.util.Optional;

/**
 * What a crash older than 8.0.4 loses on recent kernels, and how to get a newer one: the words
 * {@code get_crash_info}, {@code start_crash_session} and {@code crash_triage} use (docs/operations.md, "A newer crash").
 */
public final class OldCrash {

    /** The first crash that reads the task list of kernels whose {@code struct pid} ends in a flexible array. */
    public static final String FIXED_IN = CrashBinary.RECOMMENDED_VERSION;

    /** What is lost. */
    public static final String LOSES = "on kernels whose struct pid ends in a flexible array (Linux 6.5 and later, and "
            + "6.1 stable kernels such as Debian 12's) it cannot see sleeping tasks: ps, foreach and 'bt <pid>' show "
            + "only the tasks that were running, and hung-task analysis cannot see the blocked (D state) tasks";

    /** How to get a newer one. */
    public static final String GET_NEWER = "use crash " + FIXED_IN + " or later (Debian 13 trixie: 8.0.6, Ubuntu "
            + "24.04: 8.0.4, Fedora 40 and later), or on Debian 12 build one with scripts/build-crash, then point "
            + "CRASH_BINARY at it (docs/operations.md, 'A newer crash')";

    private OldCrash() {
    }

    /** Whether {@code version} is older than {@link #FIXED_IN} (an unknown version is not). */
    public static boolean isOld(String version) {
        return !version.equals("unknown") && CrashBinary.compare(version, FIXED_IN) < 0;
    }

    /** The warning for a session whose crash said at start-up that it cannot see the task list. */
    public static Optional<String> warning(SessionInfo info) {
        if (!info.crashMissesSleepingTasks()) {
            return Optional.empty();
        }
        return Optional.of("crash " + info.crashVersion() + " cannot see this dump's sleeping tasks (it warned '"
                + SessionInfo.PID_HASH_WARNING + "'): ps, foreach and 'bt <pid>' show only the tasks that were running, "
                + "and hung-task analysis cannot see the blocked tasks; " + GET_NEWER);
    }
}
