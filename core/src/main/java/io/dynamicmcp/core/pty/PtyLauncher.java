package io.dynamicmcp.core.pty;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import com.pty4j.unix.Pty;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts {@link PtyCommand}s in a pseudo-terminal. Thread-safe.
 *
 * <p>Where util-linux {@code setsid} is installed (every mainstream distribution), pty4j only opens the terminal and
 * the JDK starts the child ({@code posix_spawn}) as {@code setsid --ctty --wait COMMAND} with its standard streams
 * on the terminal: the child leads its own session with the terminal as its controlling tty, exactly as pty4j would
 * set it up ({@code setsid} execs the command in place; should it ever have to fork, {@code --wait} keeps it there
 * with the command's exit status). pty4j's own start forks the whole JVM, which costs 10–30 ms a start depending on the server's memory (see
 * docs/performance.md); it remains the fallback.
 */
public final class PtyLauncher {

    private static final int DEFAULT_BUFFERED_CHUNKS = 64;
    private static final Optional<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst();

    private final int bufferedChunks;
    private final Optional<Path> setsid;

    public PtyLauncher() {
        this(DEFAULT_BUFFERED_CHUNKS);
    }

    /**
     * @param bufferedChunks how many output chunks (up to 64 KiB each) may wait unread before the reader
     *     stops reading and the child blocks on its writes
     */
    public PtyLauncher(int bufferedChunks) {
        this(bufferedChunks, SETSID);
    }

    /** With {@code setsid} empty, children are always started by pty4j itself. */
    PtyLauncher(int bufferedChunks, Optional<Path> setsid) {
        if (bufferedChunks < 1) {
            throw new IllegalArgumentException("bufferedChunks must be positive");
        }
        this.bufferedChunks = bufferedChunks;
        this.setsid = setsid;
    }

    /** Starts the command; the returned child must be closed by its owner. */
    public PtyChild start(PtyCommand command) throws IOException {
        PtyNativeLibrary.install();
        String description = String.join(" ", command.command());
        if (setsid.isPresent()) {
            return spawn(command, setsid.get(), description);
        }
        PtyProcess process = new PtyProcessBuilder(command.command().toArray(String[]::new))
                .setEnvironment(command.environment())
                .setDirectory(command.directory().toString())
                .setInitialColumns(command.columns())
                .setInitialRows(command.rows())
                .setRedirectErrorStream(true)
                .setConsole(false)
                .start();
        return PtyChild.attach(process, description, bufferedChunks);
    }

    private PtyChild spawn(PtyCommand command, Path setsid, String description) throws IOException {
        Pty terminal = new Pty();
        try {
            terminal.setWindowSize(new WinSize(command.columns(), command.rows()), null);
            List<String> argv = new ArrayList<>(List.of(setsid.toString(), "--ctty", "--wait"));
            argv.addAll(command.command());
            File slave = new File(terminal.getSlaveName());
            ProcessBuilder builder = new ProcessBuilder(argv).directory(command.directory().toFile())
                    .redirectInput(slave).redirectOutput(slave).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(command.environment());
            Process process = builder.start();
            return PtyChild.attach(process, terminal.getInputStream(), terminal.getOutputStream(), terminal::close, description,
                    bufferedChunks);
        } catch (IOException | RuntimeException e) {
            terminal.close();
            throw e;
        }
    }
}
