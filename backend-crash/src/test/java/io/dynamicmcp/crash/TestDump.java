package io.dynamicmcp.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The real kernel panic dump built by scripts/make-test-dump, if this machine has it. */
public final class TestDump {

    public static final String MISSING = "the real test dump is missing: run scripts/make-test-dump "
            + "(or set DYNAMIC_MCP_TEST_CACHE); also needs the crash utility (apt install crash)";

    private TestDump() {
    }

    /** The cache root when it is READY and crash is installed. */
    public static Optional<Path> root() {
        String configured = System.getenv("DYNAMIC_MCP_TEST_CACHE");
        Path root = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "dynamic-mcp-test")
                : Path.of(configured);
        boolean crash = Files.isExecutable(Path.of("/usr/bin/crash")) || Files.isExecutable(Path.of("/usr/local/bin/crash"));
        return Files.isRegularFile(root.resolve("READY")) && crash ? Optional.of(root) : Optional.empty();
    }

    public static String release(Path root) throws java.io.IOException {
        return Files.readString(root.resolve("RELEASE")).strip();
    }
}
