package io.dynamicmcp.core.process;

import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The parent's side of a child's pipes: its standard input to write to, and the pipe its standard output and error
 * share to read from. Reading polls, so that {@link #close()} ends a read that waits, even while a descendant of the
 * child still holds the pipe open.
 */
final class PipeEnds implements AutoCloseable {

    private final Libc libc;
    private final int[] input = new int[2];
    private final int[] output = new int[2];
    private volatile boolean closed;

    PipeEnds(Libc libc) throws IOException {
        this.libc = libc;
        if (libc.pipe2(input, Libc.O_CLOEXEC) != 0) {
            throw new IOException("pipe2 failed: " + libc.strerror(Native.getLastError()));
        }
        if (libc.pipe2(output, Libc.O_CLOEXEC) != 0) {
            int errno = Native.getLastError();
            libc.close(input[0]);
            libc.close(input[1]);
            throw new IOException("pipe2 failed: " + libc.strerror(errno));
        }
    }

    /** The ends the child gets as 0 and as 1 and 2. */
    CleanSpawn.OnPipes childEnds() {
        return new CleanSpawn.OnPipes(input[0], output[1]);
    }

    /** After the spawn: the parent closes the child's ends, so the output ends when the child's side is gone. */
    void closeChildEnds() {
        closeOnce(input, 0);
        closeOnce(output, 1);
    }

    /** The output; the reading thread closes the read end itself when it stops. */
    InputStream output() {
        return new DescriptorInput(output[0], () -> closed, () -> closeOnce(output, 0));
    }

    OutputStream input() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (input[1] < 0) {
                    throw new IOException("the child's input is closed");
                }
                FileDescriptors.writeFully(input[1], bytes, offset, length);
            }

            @Override
            public void close() {
                closeInput();
            }
        };
    }

    synchronized void closeInput() {
        closeOnce(input, 1);
    }

    /**
     * Ends reading within {@value DescriptorInput#POLL_MILLIS} ms (the reader then closes the read end) and closes the
     * input.
     */
    @Override
    public synchronized void close() {
        closed = true;
        closeChildEnds();
        closeOnce(input, 1);
    }

    private synchronized void closeOnce(int[] pair, int index) {
        if (pair[index] >= 0) {
            libc.close(pair[index]);
            pair[index] = -1;
        }
    }
}
