package io.dynamicmcp.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The panic zoo of scripts/make-zoo-dumps, when this machine has it: one real dump per failure class under
 * {@code zoo/crash/<case>/vmcore}, and kdump's ssh-target layout under {@code zoo/fleet/} (a flattened
 * {@code vmcore.flat} of null-deref, and {@code vmcore-incomplete}, its first half).
 */
public final class ZooDumps {

    public static final String MISSING = "the panic zoo is missing: run scripts/make-zoo-dumps (it needs the test dump "
            + "of scripts/make-test-dump) or set DYNAMIC_MCP_TEST_CACHE to a cache that has zoo/READY";
    public static final String FLAT = "10.0.0.5-2026-11-22-04:10:01/vmcore.flat";
    public static final String INCOMPLETE = "10.0.0.6-2026-11-22-05:00:00/vmcore-incomplete";

    private ZooDumps() {
    }

    /** The zoo folder, when it is READY (a crash binary is not required). */
    public static Optional<Path> zoo() {
        String configured = System.getenv("DYNAMIC_MCP_TEST_CACHE");
        Path root = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "dynamic-mcp-test")
                : Path.of(configured);
        Path zoo = root.resolve("zoo");
        return Files.isRegularFile(zoo.resolve("READY")) ? Optional.of(zoo) : Optional.empty();
    }
}
