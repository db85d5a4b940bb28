package io.dynamicmcp.core.process;

import com.pty4j.unix.Pty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The parent's side of a child's terminal, which pty4j opens: its master side, read and written directly (pty4j's own
 * streams allocate and copy a buffer of the requested size, and make three reflective native calls, per read). Reading
 * polls, so that {@link #close()} ends a read that waits; the reading thread then closes the terminal itself.
 */
final class TerminalEnds implements HostChild.Ends {

    private final Pty terminal;
    private final int master;
    private volatile boolean closed;
    private boolean released;

    TerminalEnds(Pty terminal) {
        this.terminal = terminal;
        this.master = terminal.getMasterFD();
    }

    InputStream output() {
        return new DescriptorInput(master, () -> closed, this::release);
    }

    OutputStream input() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                synchronized (TerminalEnds.this) {
                    if (released) {
                        throw new IOException("the terminal is closed");
                    }
                    FileDescriptors.writeFully(master, bytes, offset, length);
                }
            }
        };
    }

    /** Nothing to do: a terminal's input ends with Ctrl-D, which {@link HostChild} types. */
    @Override
    public void closeInput() {
    }

    /** Ends reading within {@value DescriptorInput#POLL_MILLIS} ms; the reading thread then closes the terminal. */
    @Override
    public void close() {
        closed = true;
    }

    private synchronized void release() throws IOException {
        if (!released) {
            released = true;
            terminal.close();
        }
    }
}
