package io.dynamicmcp.core.process;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.function.BooleanSupplier;

/**
 * Reads a child's output from a file descriptor (a pipe or a terminal's master side) into a native buffer, copying out
 * only the bytes read. Reading polls, so that a read waiting for output ends soon after {@code closed} turns true,
 * even while a descendant of the child still holds the other side open; {@link #close()} then releases the descriptor
 * on the reading thread, so no other thread closes it under a running read. One reader thread.
 */
final class DescriptorInput extends InputStream {

    static final int POLL_MILLIS = 100;
    private static final int EIO = 5;

    /** Releases the descriptor. */
    interface Release {
        void run() throws IOException;
    }

    private final int fd;
    private final BooleanSupplier closed;
    private final Release release;
    private final Memory poll = Libc.zeroed(8);
    private Memory buffer;

    DescriptorInput(int fd, BooleanSupplier closed, Release release) {
        this.fd = fd;
        this.closed = closed;
        this.release = release;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!closed.getAsBoolean()) {
            poll.setInt(0, fd);
            poll.setShort(4, (short) Libc.POLLIN);
            poll.setShort(6, (short) 0);
            int ready = FileDescriptors.poll(poll, 1, POLL_MILLIS);
            if (ready < 0 && Native.getLastError() != Libc.EINTR) {
                throw new IOException("poll failed: " + FileDescriptors.describe(Native.getLastError()));
            }
            if (ready > 0) {
                if (buffer == null || buffer.size() < length) {
                    buffer = new Memory(length);
                }
                long n = FileDescriptors.read(fd, buffer, length);
                if (n < 0) {
                    int errno = Native.getLastError();
                    if (errno == Libc.EINTR || errno == Libc.EAGAIN) {
                        continue;
                    }
                    if (errno == EIO) {
                        return -1; // a terminal whose other side nothing holds open any more
                    }
                    throw new IOException("read failed: " + FileDescriptors.describe(errno));
                }
                if (n == 0) {
                    return -1;
                }
                buffer.read(0, target, offset, (int) n);
                return (int) n;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException();
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        release.run();
    }
}
