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
