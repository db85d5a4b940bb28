package io.dynamicmcp.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to start through the {@link ProcessService}: the command line, the <em>complete</em> environment (nothing is
 * inherited from the server), the working folder, whether the child gets a terminal or pipes, and how much output
 * to keep. Immutable.
 *
 * <p>On a terminal, the child's standard input, output and error are a new pseudo-terminal that is its controlling
 * terminal: it echoes input, ends lines with CR LF, and turns a typed Ctrl-C into SIGINT for the child's foreground
 * process group. On pipes, standard output and error share one pipe, so the output keeps their order.
 */
public final class ProcessSpec {

    /** The window size a terminal gets unless told otherwise: wide, so that programs do not wrap their lines. */
    public static final int DEFAULT_COLUMNS = 1000;
    /** The rows a terminal gets unless told otherwise. */
    public static final int DEFAULT_ROWS = 50;

    private static final String STANDARD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path directory;
    private final boolean terminal;
    private final int columns;
    private final int rows;
    private final long outputLimit;

    private ProcessSpec(Builder builder) {
        this.command = builder.command;
        this.directory = requireNonNull(builder.directory, "directory is not set");
        this.environment = builder.environment == null
                ? minimalEnvironment(directory) : Map.copyOf(builder.environment);
        this.terminal = builder.terminal;
        this.columns = builder.columns;
        this.rows = builder.rows;
        this.outputLimit = builder.outputLimit;
    }

    /**
     * Starts describing a child.
     *
     * @param command the program (a path, or a name looked up in the child's {@code PATH}) and its arguments
     * @return a builder; its {@link Builder#directory} must be set
     */
    public static Builder command(List<String> command) {
        return new Builder(command);
    }

    /**
     * Starts describing a child.
     *
     * @param command the program and its arguments
     * @return a builder; its {@link Builder#directory} must be set
     */
    public static Builder command(String... command) {
        return new Builder(List.of(command));
    }

    /**
     * The environment a child gets unless its spec gives another: {@code PATH} (the server's, or the standard one),
     * {@code LANG=C}, {@code LC_ALL=C}, {@code TERM=dumb} and {@code HOME} set to {@code home}. Nothing else of the
     * server's environment: no pager, editor or shell settings, no secrets.
     *
     * @param home the child's home folder
     * @return a new, modifiable map
     */
    public static Map<String, String> minimalEnvironment(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path == null || path.isBlank() ? STANDARD_PATH : path);
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        env.put("TERM", "dumb");
        env.put("HOME", home.toString());
        return env;
    }

    /** @return the command line, program first */
    public List<String> command() {
        return command;
    }

    /** @return the complete environment of the child */
    public Map<String, String> environment() {
        return environment;
    }

    /** @return the child's working folder */
    public Path directory() {
        return directory;
    }

    /** @return whether the child runs on a terminal rather than on pipes */
    public boolean terminal() {
        return terminal;
    }

    /** @return the terminal's width in columns (meaningful on a terminal only) */
    public int columns() {
        return columns;
    }

    /** @return the terminal's height in rows (meaningful on a terminal only) */
    public int rows() {
        return rows;
    }

    /**
     * How many bytes of output are passed on at most; later output is read and dropped, so that the child never
     * blocks, and a running {@link ChildProcess#supervise supervision} stops the child.
     *
     * @return the limit, {@link Long#MAX_VALUE} when there is none
     */
    public long outputLimit() {
        return outputLimit;
    }

    /** @return the command line joined with spaces, for logs and listings */
    public String description() {
        return String.join(" ", command);
    }

    /** @return the program's file name, e.g. {@code crash} */
    public Optional<String> programName() {
        Path program = Path.of(command.get(0)).getFileName();
        return Optional.ofNullable(program).map(Path::toString);
    }

    @Override
    public String toString() {
        return "ProcessSpec[" + description() + (terminal ? ", terminal " + columns + "x" + rows : ", pipes") + "]";
    }

    /** Builds a {@link ProcessSpec}. Not thread-safe. */
    public static final class Builder {

        private final List<String> command;
        private Map<String, String> environment;
        private Path directory;
        private boolean terminal;
        private int columns = DEFAULT_COLUMNS;
        private int rows = DEFAULT_ROWS;
        private long outputLimit = Long.MAX_VALUE;

        private Builder(List<String> command) {
            this.command = List.copyOf(requireNonNull(command, "command is null"));
            if (this.command.isEmpty() || this.command.get(0).isEmpty()) {
                throw new IllegalArgumentException("command is empty");
            }
        }

        /**
         * The child's complete environment; without this call it gets {@link #minimalEnvironment(Path)} with its
         * working folder as home.
         *
         * @param environment every variable the child gets
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
            return this;
        }

        /**
         * The child's working folder. Required.
         *
         * @param directory an existing folder
         * @return this builder
         */
        public Builder directory(Path directory) {
            this.directory = requireNonNull(directory, "directory is null");
            return this;
        }

        /**
         * Runs the child on a terminal of {@value #DEFAULT_COLUMNS} by {@value #DEFAULT_ROWS}.
         *
         * @return this builder
         */
        public Builder terminal() {
            return terminal(DEFAULT_COLUMNS, DEFAULT_ROWS);
        }

        /**
         * Runs the child on a terminal of the given size.
         *
         * @param columns width, at least 1
         * @param rows height, at least 1
         * @return this builder
         */
        public Builder terminal(int columns, int rows) {
            if (columns < 1 || rows < 1) {
                throw new IllegalArgumentException("window size must be positive, got " + columns + "x" + rows);
            }
            this.terminal = true;
            this.columns = columns;
            this.rows = rows;
            return this;
        }

        /**
         * Runs the child on pipes (the default).
         *
         * @return this builder
         */
        public Builder pipes() {
            this.terminal = false;
            return this;
        }

        /**
         * Caps the output passed on; see {@link ProcessSpec#outputLimit()}.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder outputLimit(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("outputLimit must be positive, got " + bytes);
            }
            this.outputLimit = bytes;
            return this;
        }

        /** @return the spec */
        public ProcessSpec build() {
            return new ProcessSpec(this);
        }
    }
}
