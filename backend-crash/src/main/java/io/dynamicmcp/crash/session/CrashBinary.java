package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.FinishedProcess;
import io.dynamicmcp.spi.ProcessService;
import io.dynamicmcp.spi.ProcessSpec;
import io.dynamicmcp.spi.Supervision;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The crash executable: where it is, its version, and quick non-interactive runs such as {@code --osrelease}. */
public final class CrashBinary {

    /** Versions below this have known problems with recent kernels; they still work for many dumps. */
    public static final String RECOMMENDED_VERSION = "8.0.4";
    public static final String INSTALL_HINT =
            "install it with 'apt install crash' (Debian/Ubuntu) or 'dnf install crash' (RHEL/Fedora), "
                    + "or set CRASH_BINARY to its path";

    private static final System.Logger LOG = System.getLogger(CrashBinary.class.getName());
    private static final Pattern VERSION = Pattern.compile("crash (\\d+(?:\\.\\d+)+\\S*)");
    private static final int MAX_QUICK_OUTPUT = 64 * 1024;

    private static final Duration QUICK_TIMEOUT = Duration.ofSeconds(10);

    private final Path path;
    private final Path home;
    private final ProcessService processes;
    private volatile String version;
    private volatile Boolean older;

    public CrashBinary(Path path, Path home, ProcessService processes) {
        this.path = requireNonNull(path, "path is null");
        this.home = requireNonNull(home, "home is null");
        this.processes = requireNonNull(processes, "processes is null");
    }

    /** The configured binary, else {@code crash} on {@code PATH}; empty when there is none. */
    public static Optional<CrashBinary> locate(Optional<Path> configured, Path home, ProcessService processes) {
        if (configured.isPresent()) {
            return Optional.of(new CrashBinary(configured.get(), home, processes));
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : pathVariable.split(":")) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "crash");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new CrashBinary(candidate, home, processes));
            }
        }
        return Optional.empty();
    }

    public Path path() {
        return path;
    }

    /** The version crash reports, e.g. {@code 8.0.2}, or {@code unknown}. Runs {@code crash --version} once. */
    public String version() {
        String known = version;
        if (known == null) {
            known = runQuick(List.of("--version"))
                    .map(VERSION::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1))
                    .orElse("unknown");
            version = known;
        }
        return known;
    }

    /** Whether {@link #version()} is below {@link #RECOMMENDED_VERSION}. */
    public boolean olderThanRecommended() {
        Boolean known = older;
        if (known == null) {
            known = compare(version(), RECOMMENDED_VERSION) < 0;
            older = known;
        }
        return known;
    }

    /**
     * Runs crash with {@code arguments}, on pipes with a minimal environment, for at most 10 seconds.
     *
     * @return its output when it exits with status 0
     */
    public Optional<String> runQuick(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(path.toString());
        command.addAll(arguments);
        try {
            Files.createDirectories(home);
            FinishedProcess done = processes.run(ProcessSpec.command(command).directory(home)
                    .outputLimit(MAX_QUICK_OUTPUT).build(), Supervision.deadline(QUICK_TIMEOUT).killAtDeadline());
            return done.succeeded() ? Optional.of(done.text()) : Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot run {0} {1}: {2}", path, arguments, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Compares two dotted versions numerically: negative when {@code a} is older. */
    public static int compare(String a, String b) {
        String[] left = a.split("[^0-9]+");
        String[] right = b.split("[^0-9]+");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length && !left[i].isEmpty() ? Integer.parseInt(left[i]) : 0;
            int r = i < right.length && !right[i].isEmpty() ? Integer.parseInt(right[i]) : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }
}
