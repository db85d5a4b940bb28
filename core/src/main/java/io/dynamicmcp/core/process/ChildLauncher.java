package io.dynamicmcp.core.process;

import com.pty4j.WinSize;
import com.pty4j.unix.Pty;
import io.dynamicmcp.spi.ProcessSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Starts a {@link ProcessSpec} on a terminal (pty4j opens it) or on pipes, with {@link CleanSpawn}. pty4j's own start
 * is not used: it forks the whole JVM (10–30 ms, growing with the heap) and its children keep ignored and blocked
 * signals. Where JNA cannot load the C library (then pty4j cannot work either), terminals are refused and pipe children
 * are started by the JDK, through {@code env --default-signal} where coreutils has it: best effort, logged. Thread-safe.
 */
final class ChildLauncher {

    private static final int BUFFERED_CHUNKS = 64;

    private final Supplier<Optional<CleanSpawn>> spawns;
    private volatile Optional<CleanSpawn> spawn;
    private final int bufferedChunks;

    /** Loads the C library through JNA at the first start: 107 fewer classes and 2 MiB less RSS at start-up. */
    ChildLauncher() {
        this(() -> Libc.instance().map(CleanSpawn::new), BUFFERED_CHUNKS);
    }

    /**
     * @param spawn empty: start as if the C library could not be loaded
     * @param bufferedChunks how many output chunks (up to 64 KiB each) may wait unread before the reader stops reading
     *     and the child blocks on its writes
     */
    ChildLauncher(Optional<CleanSpawn> spawn, int bufferedChunks) {
        this(() -> spawn, bufferedChunks);
    }

    private ChildLauncher(Supplier<Optional<CleanSpawn>> spawns, int bufferedChunks) {
        if (bufferedChunks < 1) {
            throw new IllegalArgumentException("bufferedChunks must be positive");
        }
        this.spawns = spawns;
        this.bufferedChunks = bufferedChunks;
    }

    /** Whether children start clean (see {@link CleanSpawn}). */
    boolean clean() {
        return spawn().isPresent();
    }

    private Optional<CleanSpawn> spawn() {
        Optional<CleanSpawn> known = spawn;
        if (known == null) {
            synchronized (this) {
                if (spawn == null) {
                    spawn = spawns.get();
                }
                known = spawn;
            }
        }
        return known;
    }

    HostChild start(ProcessSpec spec, Consumer<HostChild> onClose) throws IOException {
        Optional<CleanSpawn> spawn = spawn();
        if (spawn.isEmpty()) {
            if (spec.terminal()) {
                throw new IOException("cannot start " + spec.description() + " on a terminal: JNA cannot load the C "
                        + "library, which opening a terminal needs");
            }
            return jdkOnPipes(spec, onClose);
        }
        return spec.terminal() ? onTerminal(spec, spawn.get(), onClose) : onPipes(spec, spawn.get(), onClose);
    }

    private HostChild onTerminal(ProcessSpec spec, CleanSpawn spawn, Consumer<HostChild> onClose) throws IOException {
        PtyNativeLibrary.install();
        Pty terminal = new Pty();
        try {
            terminal.setWindowSize(new WinSize(spec.columns(), spec.rows()), null);
            SpawnedProgram program = spawn.spawn(spec.command(), spec.environment(), spec.directory(),
                    new CleanSpawn.OnTerminal(terminal.getSlaveName()));
            TerminalEnds ends = new TerminalEnds(terminal);
            return new HostChild(spec, program, ends.output(), ends.input(), ends, bufferedChunks, onClose);
        } catch (IOException | RuntimeException e) {
            terminal.close();
            throw e;
        }
    }

    private HostChild onPipes(ProcessSpec spec, CleanSpawn spawn, Consumer<HostChild> onClose) throws IOException {
        PipeEnds pipes = spawn.pipes();
        try {
            SpawnedProgram program = spawn.spawn(spec.command(), spec.environment(), spec.directory(),
                    pipes.childEnds());
            pipes.closeChildEnds();
            return new HostChild(spec, program, pipes.output(), pipes.input(), ends(pipes::closeInput, pipes::close),
                    bufferedChunks, onClose);
        } catch (IOException | RuntimeException e) {
            pipes.close();
            pipes.output().close();
            throw e;
        }
    }

    private HostChild jdkOnPipes(ProcessSpec spec, Consumer<HostChild> onClose) throws IOException {
        List<String> command = new ArrayList<>();
        if (EnvDefaultSignal.supported()) {
            command.addAll(List.of(EnvDefaultSignal.ENV, "--default-signal", "--"));
        }
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.directory().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        Process process = builder.start();
        return new HostChild(spec, new JdkProgram(process), process.getInputStream(), process.getOutputStream(),
                ends(() -> process.getOutputStream().close(), () -> process.getInputStream().close()), bufferedChunks,
                onClose);
    }

    /** Whether coreutils' env can reset signal dispositions (8.31 and later), asked once. */
    private static final class EnvDefaultSignal {

        static final String ENV = "/usr/bin/env";
        private static volatile Boolean known;

        private EnvDefaultSignal() {
        }

        static boolean supported() {
            if (known == null) {
                known = probe();
            }
            return known;
        }

        private static boolean probe() {
            try {
                Process probe = new ProcessBuilder(ENV, "--default-signal", "--", "true").redirectErrorStream(true)
                        .start();
                probe.getInputStream().readAllBytes();
                return probe.waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    private static HostChild.Ends ends(Action closeInput, Action release) {
        return new HostChild.Ends() {
            @Override
            public void closeInput() throws IOException {
                closeInput.run();
            }

            @Override
            public void close() throws IOException {
                release.run();
            }
        };
    }
}
