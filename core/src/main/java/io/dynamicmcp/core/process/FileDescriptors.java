package io.dynamicmcp.core.process;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

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
}
