package io.dynamicmcp.core.process;

import com.sun.jna.Memory;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a program with {@code posix_spawn} so that it starts clean whatever the server inherited: the leader of a new
 * session, every signal at its default disposition, an empty signal mask, exactly the given environment, the given
 * working folder, and no descriptor open but 0, 1 and 2. A JVM's own {@code ProcessBuilder} passes on ignored signals
 * and its threads' blocked ones (SIGQUIT always; SIGINT too when the server was started in the background of a
 * script), and cannot make the child a session leader.
 */
final class CleanSpawn {

    /** Where the child's standard streams go. */
    sealed interface Streams {
    }

    /** Opens the terminal's slave as 0, 1 and 2: as a session leader, the child gets it as controlling terminal. */
    record OnTerminal(String slave) implements Streams {
    }

    /** Duplicates {@code input} as 0 and {@code output} as 1 and 2. */
    record OnPipes(int input, int output) implements Streams {
    }

    private final Libc libc;
    private final boolean closefrom;
    private final boolean chdir;

    /** With what this C library offers: glibc has closefrom_np since 2.34 and addchdir_np since 2.29. */
    CleanSpawn(Libc libc) {
        this(libc, Libc.has("posix_spawn_file_actions_addclosefrom_np"), Libc.has("posix_spawn_file_actions_addchdir_np"));
    }

    /**
     * @param closefrom whether to close descriptors with closefrom_np; otherwise each one open now is closed by number
     * @param chdir whether to change folder with addchdir_np; otherwise {@code /bin/sh} does it before it execs
     */
    CleanSpawn(Libc libc, boolean closefrom, boolean chdir) {
        this.libc = libc;
        this.closefrom = closefrom;
        this.chdir = chdir;
    }

    /** New pipes for a child's standard streams. */
    PipeEnds pipes() throws IOException {
        return new PipeEnds(libc);
    }

    /** @return the running child, reaped by a thread of its own */
    SpawnedProgram spawn(List<String> command, Map<String, String> environment, Path directory, Streams streams)
            throws IOException {
        String program = resolve(command.get(0), environment.get("PATH"), directory);
        List<String> argv = command;
        if (!chdir) {
            argv = new java.util.ArrayList<>(List.of("/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"",
                    directory.toString(), program));
            argv.addAll(command.subList(1, command.size()));
            program = "/bin/sh";
        }
        Memory actions = Libc.zeroed(Libc.FILE_ACTIONS_SIZE);
        Memory attributes = Libc.zeroed(Libc.SPAWNATTR_SIZE);
        check(libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            check(libc.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            try {
                setUp(actions, attributes, directory, streams);
                IntByReference pid = new IntByReference();
                String[] env = environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new);
                int error = libc.posix_spawn(pid, program, actions, attributes,
                        new StringArray(argv.toArray(String[]::new), "UTF-8"), new StringArray(env, "UTF-8"));
                if (error != 0) {
                    throw new IOException("cannot start " + program + ": " + libc.strerror(error));
                }
                return new SpawnedProgram(libc, pid.getValue());
            } finally {
                libc.posix_spawnattr_destroy(attributes);
            }
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
        }
    }

    private void setUp(Memory actions, Memory attributes, Path directory, Streams streams) throws IOException {
        if (streams instanceof OnTerminal terminal) {
            check(libc.posix_spawn_file_actions_addopen(actions, 0, terminal.slave(), Libc.O_RDWR, 0), "addopen");
            check(libc.posix_spawn_file_actions_adddup2(actions, 0, 1), "adddup2");
            check(libc.posix_spawn_file_actions_adddup2(actions, 0, 2), "adddup2");
        } else if (streams instanceof OnPipes pipes) {
            check(libc.posix_spawn_file_actions_adddup2(actions, pipes.input(), 0), "adddup2");
            check(libc.posix_spawn_file_actions_adddup2(actions, pipes.output(), 1), "adddup2");
            check(libc.posix_spawn_file_actions_adddup2(actions, pipes.output(), 2), "adddup2");
        }
        if (closefrom) {
            check(libc.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np");
        } else {
            for (int fd : openDescriptors()) {
                check(libc.posix_spawn_file_actions_addclose(actions, fd), "addclose");
            }
        }
        if (chdir) {
            check(libc.posix_spawn_file_actions_addchdir_np(actions, directory.toString()), "addchdir_np");
        }
        Memory none = Libc.zeroed(Libc.SIGSET_SIZE);
        check(libc.sigemptyset(none), "sigemptyset");
        check(libc.posix_spawnattr_setsigmask(attributes, none), "setsigmask");
        check(libc.posix_spawnattr_setsigdefault(attributes, Libc.everySignal()), "setsigdefault");
        check(libc.posix_spawnattr_setflags(attributes,
                (short) (Libc.POSIX_SPAWN_SETSID | Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF)),
                "setflags");
    }

    /** Descriptors 3 and up open in the server now (one opened between this and the spawn may leak: older glibc). */
    private static List<Integer> openDescriptors() throws IOException {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .map(Integer::valueOf).filter(fd -> fd > 2).sorted().toList();
        }
    }

    /** The program's path: as given if it names a file, else the first match in the child's own {@code PATH}. */
    static String resolve(String program, String path, Path directory) throws IOException {
        if (program.contains("/")) {
            return directory.resolve(program).toString();
        }
        for (String folder : Optional.ofNullable(path).orElse("").split(":")) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException("cannot start " + program + ": not found on the child's PATH (" + path + ")");
    }

    private void check(int result, String what) throws IOException {
        if (result != 0) {
            throw new IOException(what + " failed: " + libc.strerror(result < 0 ? com.sun.jna.Native.getLastError() : result));
        }
    }
}
