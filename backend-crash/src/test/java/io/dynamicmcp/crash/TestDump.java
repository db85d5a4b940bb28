package io.dynamicmcp.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real kernel panic dump built by scripts/make-test-dump, if this machine has it, and what its boot's serial
 * console says about it. Each build is a new boot: the CPU that panicked and the modules' addresses change, so tests
 * take them from here rather than from a constant.
 */
public final class TestDump {

    public static final String MISSING = "the real test dump is missing: run scripts/make-test-dump "
            + "(or set DYNAMIC_MCP_TEST_CACHE); also needs the crash utility (apt install crash, or CRASH_BINARY)";

    public static final String ZOO_MISSING = "the panic zoo is missing: run scripts/make-zoo-dumps (about 4 minutes; "
            + "it needs the test dump of scripts/make-test-dump) or set DYNAMIC_MCP_TEST_CACHE to a cache that has zoo/READY";

    public static final String NEWER_CRASH_MISSING = "these tests need crash 8.0.4 or later, which sees sleeping tasks on "
            + "this kernel: run scripts/build-crash and set CRASH_BINARY to the path it prints (scripts/test does both)";

    private static final Pattern PANIC_HEADER = Pattern.compile("CPU: (\\d+) PID: (\\d+) Comm: (\\S+)");
    private static final Pattern LOADED = Pattern.compile("dynamic-mcp test dump: loaded module (\\S+)");

    /** What the guest's serial console said: the task that panicked and the modules in the order it loaded them. */
    public record Console(int cpu, long pid, String command, List<String> modulesInLoadOrder) {
    }

    private TestDump() {
    }

    /** The cache root when it is READY and a crash binary is there. */
    public static Optional<Path> root() {
        String configured = System.getenv("DYNAMIC_MCP_TEST_CACHE");
        Path root = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "dynamic-mcp-test")
                : Path.of(configured);
        return Files.isRegularFile(root.resolve("READY")) && crashBinary().isPresent() ? Optional.of(root) : Optional.empty();
    }

    /** {@code CRASH_BINARY} when set (scripts/test points it at a crash that sees every task), else crash on PATH. */
    public static Optional<Path> crashBinary() {
        String configured = System.getenv("CRASH_BINARY");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return List.of(Path.of("/usr/bin/crash"), Path.of("/usr/local/bin/crash")).stream()
                .filter(Files::isExecutable).findFirst();
    }

    /** What {@code crash --version} says, e.g. {@code 8.0.6}, asked directly rather than through the backend. */
    public static String crashVersion(Path crash) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(crash.toString(), "--version").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher m = Pattern.compile("crash (\\d+\\.\\d+\\.\\d+)").matcher(text);
        if (!m.find()) {
            throw new IOException(crash + " --version printed no version: " + text);
        }
        return m.group(1);
    }

    /**
     * Skips the calling test (or class) unless {@code condition}, saying why on the build's output too: JUnit reports a
     * class skipped in {@code @BeforeAll} as "Tests run: 0", without the reason.
     */
    public static void assume(boolean condition, String why) {
        if (!condition) {
            System.err.println("SKIPPED: " + why);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(condition, why);
    }

    /** The zoo folder of the cache, when scripts/make-zoo-dumps made it READY. */
    public static Optional<Path> zoo(Path root) {
        Path zoo = root.resolve("zoo");
        return Files.isRegularFile(zoo.resolve("READY")) ? Optional.of(zoo) : Optional.empty();
    }

    /** The zoo's cases: the folders of zoo/crash with an answer.json, sorted. */
    public static List<String> zooCases() {
        Optional<Path> zoo = root().flatMap(TestDump::zoo);
        if (zoo.isEmpty()) {
            return List.of();
        }
        try (var cases = Files.list(zoo.get().resolve("crash"))) {
            return cases.filter(c -> Files.isRegularFile(c.resolve("answer.json"))).map(c -> c.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether {@code version} is 8.0.4 or later: a crash that sees the sleeping tasks of Debian 12's kernels. */
    public static boolean seesSleepingTasks(String version) {
        String[] parts = version.split("\\.");
        int[] numbers = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return numbers[0] > 8 || numbers[0] == 8 && (numbers[1] > 0 || numbers[2] >= 4);
    }

    public static String release(Path root) throws IOException {
        return Files.readString(root.resolve("RELEASE")).strip();
    }

    /** The facts of this build's boot, read from its serial console log. */
    public static Console console(Path root) throws IOException {
        String log = Files.readString(root.resolve("work/serial.log"), StandardCharsets.ISO_8859_1);
        List<String> modules = new ArrayList<>();
        Matcher loaded = LOADED.matcher(log);
        while (loaded.find()) {
            modules.add(loaded.group(1));
        }
        Matcher header = PANIC_HEADER.matcher(log.substring(Math.max(0, log.lastIndexOf("Kernel panic"))));
        if (!header.find()) {
            header = PANIC_HEADER.matcher(log);
            if (!header.find()) {
                throw new IOException("no 'CPU: N PID: N Comm: X' line in " + root.resolve("work/serial.log"));
            }
        }
        return new Console(Integer.parseInt(header.group(1)), Long.parseLong(header.group(2)), header.group(3),
                List.copyOf(modules));
    }
}
