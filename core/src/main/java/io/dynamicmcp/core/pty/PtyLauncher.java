package io.dynamicmcp.core.pty;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import java.io.IOException;

/** Starts {@link PtyCommand}s in a pseudo-terminal. Thread-safe. */
public final class PtyLauncher {

    private static final int DEFAULT_BUFFERED_CHUNKS = 64;

    private final int bufferedChunks;

    public PtyLauncher() {
        this(DEFAULT_BUFFERED_CHUNKS);
    }

    /**
     * @param bufferedChunks how many output chunks (up to 64 KiB each) may wait unread before the reader
     *     stops reading and the child blocks on its writes
     */
    public PtyLauncher(int bufferedChunks) {
        if (bufferedChunks < 1) {
            throw new IllegalArgumentException("bufferedChunks must be positive");
        }
        this.bufferedChunks = bufferedChunks;
    }

    /** Starts the command; the returned child must be closed by its owner. */
    public PtyChild start(PtyCommand command) throws IOException {
        PtyNativeLibrary.install();
        PtyProcess process = new PtyProcessBuilder(command.command().toArray(String[]::new))
                .setEnvironment(command.environment())
                .setDirectory(command.directory().toString())
                .setInitialColumns(command.columns())
                .setInitialRows(command.rows())
                .setRedirectErrorStream(true)
                .setConsole(false)
                .start();
        return PtyChild.attach(process, String.join(" ", command.command()), bufferedChunks);
    }
}
