package io.dynamicmcp.core.process;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A program the JDK started: the fallback for pipes where JNA cannot load the C library. */
final class JdkProgram implements Program {

    private final Process process;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    JdkProgram(Process process) {
        this.process = process;
        process.onExit().thenRun(() -> exit.complete(process.exitValue()));
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public OptionalInt exitStatus() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    /** The JDK can send SIGTERM and SIGKILL only; any other signal terminates. */
    @Override
    public void signal(int signal) {
        if (signal == Libc.SIGKILL) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
