package io.dynamicmcp.core.process;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.util.Arrays;

/**
 * poll, read and write on raw file descriptors, the calls made for every chunk a child prints and every line it is
 * sent. Bound by JNA's direct mapping, which calls the C function without the reflection, argument conversion and
 * per-call allocation of an interface mapping such as {@link Libc}. Loaded with the first child.
 */
final class FileDescriptors {

    static {
        Native.register(FileDescriptors.class, NativeLibrary.getInstance("c"));
    }

    private FileDescriptors() {
    }

    static native int poll(Pointer fds, long count, int timeoutMillis);

    static native long read(int fd, Pointer buffer, long count);

    static native long write(int fd, byte[] buffer, long count);

    /** Writes all of {@code bytes[offset, offset + length)}, again after a partial write or an interrupted call. */
    static void writeFully(int fd, byte[] bytes, int offset, int length) throws IOException {
        byte[] rest = Arrays.copyOfRange(bytes, offset, offset + length);
        while (rest.length > 0) {
            long n = write(fd, rest, rest.length);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == Libc.EINTR) {
                    continue;
                }
                throw new IOException("write failed: " + describe(errno));
            }
            rest = Arrays.copyOfRange(rest, (int) n, rest.length);
        }
    }

    /** The C library's text for an error number. */
    static String describe(int errno) {
        return Libc.instance().map(libc -> libc.strerror(errno)).orElse("errno " + errno);
    }
}
