package io.dynamicmcp.core.process;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.util.Map;
import java.util.Optional;

/**
 * The few C library calls the process service makes to start and reap children: posix_spawn and its attributes,
 * waitpid, kill, pipes. The calls made per chunk of output are {@link FileDescriptors}'.
 */
interface Libc extends Library {

    int POSIX_SPAWN_SETSIGDEF = 0x04;
    int POSIX_SPAWN_SETSIGMASK = 0x08;
    int POSIX_SPAWN_SETSID = 0x80;
    int O_RDWR = 0x2;
    int O_CLOEXEC = 0x80000;
    int POLLIN = 0x1;
    int EINTR = 4;
    int EAGAIN = 11;
    int ECHILD = 10;
    int P_PID = 1;
    int WEXITED = 4;
    int WNOWAIT = 0x01000000;
    int SIGINFO_SIZE = 128;
    int SIGINT = 2;
    int SIGKILL = 9;
    int SIGTERM = 15;

    /** Generous upper bounds of glibc's opaque types (336, 80 and 128 bytes on x86-64 and aarch64). */
    int SPAWNATTR_SIZE = 1024;
    int FILE_ACTIONS_SIZE = 512;
    int SIGSET_SIZE = 256;

    /** The C library, or empty where JNA cannot load it. */
    static Optional<Libc> instance() {
        return Holder.LIBC;
    }

    /** Whether the C library has {@code name} (glibc added closefrom_np in 2.34 and addchdir_np in 2.29). */
    static boolean has(String name) {
        try {
            com.sun.jna.NativeLibrary.getInstance("c").getFunction(name);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** Loads the library once, when first needed. */
    final class Holder {
        private static final Optional<Libc> LIBC = load();

        private Holder() {
        }

        private static Optional<Libc> load() {
            try {
                return Optional.of(Native.load("c", Libc.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8")));
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** A signal set with every signal 1 to 64 in it, glibc's internal ones too (its sigfillset leaves those out). */
    static Memory everySignal() {
        Memory set = zeroed(SIGSET_SIZE);
        set.setLong(0, -1L);
        return set;
    }

    static Memory zeroed(int size) {
        Memory memory = new Memory(size);
        memory.clear();
        return memory;
    }

    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attributes, StringArray argv,
            StringArray envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags, int mode);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_destroy(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer mask);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);


    int waitpid(int pid, IntByReference status, int options);

    int waitid(int idType, int id, Pointer info, int options);

    int kill(int pid, int signal);

    int pipe2(int[] fds, int flags);

    int close(int fd);

    String strerror(int errno);
}
