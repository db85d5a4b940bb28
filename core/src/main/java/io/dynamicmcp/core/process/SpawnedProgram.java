package io.dynamicmcp.core.process;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A program started by {@link CleanSpawn}: a daemon thread waits for it ({@code waitid}) and reaps it, so it never
 * lingers as a zombie, and signals are sent only while it has not been reaped, so a reused pid is never hit.
 */
final class SpawnedProgram implements Program {

    private final Libc libc;
    private final int pid;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Object reaping = new Object();

    SpawnedProgram(Libc libc, int pid) {
        this.libc = libc;
        this.pid = pid;
        Thread waiter = new Thread(this::await, "child-waiter-" + pid);
        waiter.setDaemon(true);
        waiter.start();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public OptionalInt exitStatus() {
        Integer status = exit.getNow(null);
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    @Override
    public void signal(int signal) {
        synchronized (reaping) {
            if (!exit.isDone()) {
                libc.kill(pid, signal);
            }
        }
    }

    private void await() {
        // waitid(WNOWAIT) waits without reaping; the reap below happens under the lock that signal() takes, so no
        // signal can reach a pid the kernel has already handed to another process
        com.sun.jna.Memory info = Libc.zeroed(Libc.SIGINFO_SIZE);
        while (libc.waitid(Libc.P_PID, pid, info, Libc.WEXITED | Libc.WNOWAIT) < 0
                && Native.getLastError() == Libc.EINTR) {
            // interrupted by a signal: wait again
        }
        IntByReference status = new IntByReference();
        synchronized (reaping) {
            int result;
            do {
                result = libc.waitpid(pid, status, 0);
            } while (result < 0 && Native.getLastError() == Libc.EINTR);
            // -1: the status is lost (something else reaped the child, e.g. SIGCHLD set to be ignored)
            exit.complete(result == pid ? decode(status.getValue()) : -1);
        }
    }

    /** The shell's convention: the exit code, or 128 plus the signal that killed the program. */
    static int decode(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }
}
