package io.dynamicmcp.crash.index;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the symbol index cache lives, how large it may grow, and whether it is used.
 *
 * @param gdb the debugger, which writes the index (package {@code gdb}, which has {@code gdb-add-index}), if installed
 */
public record IndexSettings(boolean enabled, Path root, long maxBytes, Optional<Path> gdb) {

    public static final String ENABLED = "CRASH_SYMBOL_INDEX";
    public static final String ROOT = "CRASH_SYMBOL_INDEX_DIR";
    public static final String MAX_BYTES = "CRASH_SYMBOL_INDEX_MAX_BYTES";

    /** About six kernels of ~640 MB each (a copy of the vmlinux plus its index). */
    public static final long DEFAULT_MAX_BYTES = 4L << 30;

    public IndexSettings {
        requireNonNull(root, "root is null");
        requireNonNull(gdb, "gdb is null");
    }

    /** Reads the settings; the default folder is shared by every server of the same user. */
    public static IndexSettings from(Settings settings) {
        return new IndexSettings(settings.flag(ENABLED, true), settings.path(ROOT, defaultRoot()),
                settings.number(MAX_BYTES, DEFAULT_MAX_BYTES, 0, Long.MAX_VALUE), onPath("gdb"));
    }

    /** {@code $XDG_CACHE_HOME/dynamic-mcp/symbol-index}, else {@code ~/.cache/dynamic-mcp/symbol-index}. */
    static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("dynamic-mcp").resolve("symbol-index");
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String folder : path.split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return Optional.of(Path.of(folder, program));
            }
        }
        return List.of(Path.of("/usr/bin", program)).stream().filter(Files::isExecutable).findFirst();
    }
}
