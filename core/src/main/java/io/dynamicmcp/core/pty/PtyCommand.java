package io.dynamicmcp.core.pty;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to start in a pty: the command line, the <em>complete</em> environment (nothing is inherited), the
 * working directory and the window size.
 */
public record PtyCommand(List<String> command, Map<String, String> environment, Path directory, int columns, int rows) {

    public PtyCommand {
        command = List.copyOf(requireNonNull(command, "command is null"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(directory, "directory is null");
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("window size must be positive");
        }
    }

    /** A wide window, so programs do not wrap their lines. */
    public static PtyCommand of(List<String> command, Map<String, String> environment, Path directory) {
        return new PtyCommand(command, environment, directory, 1000, 50);
    }

    /**
     * A minimal environment for a child: {@code PATH}, {@code LANG=C}, the given {@code TERM} and {@code HOME},
     * and nothing else from the server's environment (no pager, editor or shell settings).
     */
    public static Map<String, String> minimalEnvironment(String term, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        env.put("TERM", term);
        env.put("HOME", home.toString());
        return env;
    }
}
