package io.dynamicmcp.core.process;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * The parent's side of a child's pipes: its standard input to write to, and the pipe its standard output and error
 * share to read from. Reading polls, so that {@link #close()} ends a read that waits, even while a descendant of the
 * child still holds the pipe open.
 */
final class PipeEnds implements AutoCloseable {

    private static final int POLL_MILLIS = 100;

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

    InputStream output() {
        return new InputStream() {
            private final Memory poll = Libc.zeroed(8);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                while (!closed) {
                    poll.setInt(0, output[0]);
                    poll.setShort(4, (short) Libc.POLLIN);
                    poll.setShort(6, (short) 0);
                    int ready = libc.poll(poll, 1, POLL_MILLIS);
                    if (ready < 0 && Native.getLastError() != Libc.EINTR) {
                        throw new IOException("poll failed: " + libc.strerror(Native.getLastError()));
                    }
                    if (ready > 0) {
                        byte[] chunk = new byte[length];
                        long n = libc.read(output[0], chunk, length);
                        if (n < 0) {
                            int errno = Native.getLastError();
                            if (errno == Libc.EINTR || errno == Libc.EAGAIN) {
                                continue;
                            }
                            throw new IOException("read failed: " + libc.strerror(errno));
                        }
                        if (n == 0) {
                            return -1;
                        }
                        System.arraycopy(chunk, 0, buffer, offset, (int) n);
                        return (int) n;
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException();
                    }
                }
                return -1;
            }

            /** The reader closes the read end itself, so that no other thread closes it under a running read. */
            @Override
            public void close() {
                closeOnce(output, 0);
            }
        };
    }

    OutputStream input() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                byte[] rest = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
                while (rest.length > 0) {
                    if (input[1] < 0) {
                        throw new IOException("the child's input is closed");
                    }
                    long n = libc.write(input[1], rest, rest.length);
                    if (n < 0) {
                        int errno = Native.getLastError();
                        if (errno == Libc.EINTR) {
                            continue;
                        }
                        throw new IOException("write failed: " + libc.strerror(errno));
                    }
                    rest = java.util.Arrays.copyOfRange(rest, (int) n, rest.length);
                }
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

    /** Ends reading within {@value #POLL_MILLIS} ms (the reader then closes the read end) and closes the input. */
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
