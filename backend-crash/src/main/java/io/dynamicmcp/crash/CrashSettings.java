package io.dynamicmcp.crash;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.InvalidSettingException;
import io.dynamicmcp.spi.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The crash provider's configuration, read and validated once when the provider opens. */
public record CrashSettings(
        Path dumpPath,
        Path kernelPath,
        List<Path> debugSymbolRoots,
        Duration sessionTimeout,
        Duration commandTimeout,
        Optional<Path> crashBinary,
        Duration idleTimeout,
        int maxSessions,
        Duration interruptGrace,
        Duration hangLimit) {

    public static final String DUMP_PATH = "CRASH_DUMP_PATH";
    public static final String KERNEL_PATH = "KERNEL_PATH";
    public static final String DEBUG_SYMBOL_PATH = "DEBUG_SYMBOL_PATH";
    public static final String DEBUG_SYMBOL_DEFAULTS = "DEBUG_SYMBOL_DEFAULTS";
    public static final String SESSION_TIMEOUT = "CRASH_SESSION_TIMEOUT";
    public static final String COMMAND_TIMEOUT = "CRASH_COMMAND_TIMEOUT";
    public static final String BINARY = "CRASH_BINARY";
    public static final String IDLE_TIMEOUT = "CRASH_IDLE_TIMEOUT";
    public static final String MAX_SESSIONS = "CRASH_MAX_SESSIONS";
    public static final String INTERRUPT_GRACE = "CRASH_INTERRUPT_GRACE";
    public static final String HANG_LIMIT = "CRASH_HANG_LIMIT";

    public CrashSettings {
        requireNonNull(dumpPath, "dumpPath is null");
        requireNonNull(kernelPath, "kernelPath is null");
        debugSymbolRoots = List.copyOf(requireNonNull(debugSymbolRoots, "debugSymbolRoots is null"));
        requireNonNull(sessionTimeout, "sessionTimeout is null");
        requireNonNull(commandTimeout, "commandTimeout is null");
        requireNonNull(crashBinary, "crashBinary is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(interruptGrace, "interruptGrace is null");
        requireNonNull(hangLimit, "hangLimit is null");
    }

    /** Where distributions install debug symbols; searched after the configured roots unless turned off. */
    public static final List<Path> DEFAULT_DEBUG_SYMBOL_ROOTS = List.of(Path.of("/usr/lib/debug"));

    /** Reads every key; a malformed value throws {@link InvalidSettingException} naming it. */
    public static CrashSettings from(Settings settings) {
        Optional<Path> binary = settings.get(BINARY).map(value -> Path.of(value.trim()));
        binary.ifPresent(path -> {
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new InvalidSettingException(BINARY, path.toString(), "the path of an executable crash binary");
            }
        });
        return new CrashSettings(
                settings.path(DUMP_PATH, Path.of("/var/crash")),
                settings.path(KERNEL_PATH, Path.of("/boot")),
                debugSymbolRoots(settings),
                settings.seconds(SESSION_TIMEOUT, Duration.ofSeconds(180), 1),
                settings.seconds(COMMAND_TIMEOUT, Duration.ofSeconds(120), 1),
                binary,
                settings.seconds(IDLE_TIMEOUT, Duration.ofSeconds(1800), 1),
                (int) settings.number(MAX_SESSIONS, 4, 1, 64),
                settings.seconds(INTERRUPT_GRACE, Duration.ofSeconds(2), 1),
                settings.seconds(HANG_LIMIT, Duration.ofSeconds(600), 10));
    }

    /** {@code DEBUG_SYMBOL_PATH} first, then the defaults unless {@code DEBUG_SYMBOL_DEFAULTS=false}. */
    private static List<Path> debugSymbolRoots(Settings settings) {
        List<Path> roots = new java.util.ArrayList<>(settings.paths(DEBUG_SYMBOL_PATH, List.of()));
        if (settings.flag(DEBUG_SYMBOL_DEFAULTS, true)) {
            DEFAULT_DEBUG_SYMBOL_ROOTS.stream().filter(root -> !roots.contains(root)).forEach(roots::add);
        }
        return roots;
    }
}
