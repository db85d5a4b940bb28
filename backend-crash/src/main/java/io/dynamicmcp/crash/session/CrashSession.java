package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.filter.LineSink;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * One live crash process on one dump, owned by one caller. Commands run one at a time; a caller that finds
 * the session busy waits a bounded time, then gets a clear error. Thread-safe; closing twice is harmless.
 */
public final class CrashSession implements AutoCloseable {

    /** How long a tool call waits for another command on the same session before "session busy". */
    public static final Duration BUSY_WAIT = Duration.ofSeconds(5);

    private static final Duration QUIT_GRACE = Duration.ofSeconds(3);

    private final SessionInfo info;
    private final String owner;
    private final CrashConsole console;
    private final Path directory;
    /** One command at a time; held past the reply while crash comes back from a slow Ctrl-C, so not a thread's lock. */
    private final Semaphore lock = new Semaphore(1, true);
    private final AtomicLong commands = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Transcript transcript = new Transcript();
    private volatile String running;
    private volatile boolean stopping;
    private volatile long runningSince;
    private volatile Instant lastUsed;
    private volatile String endReason;

    CrashSession(SessionInfo info, String owner, CrashConsole console, Path directory) {
        this.info = requireNonNull(info, "info is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.console = requireNonNull(console, "console is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.lastUsed = Instant.now();
    }

    public SessionInfo info() {
        return info;
    }

    public String id() {
        return info.id();
    }

    public String owner() {
        return owner;
    }

    public long pid() {
        return console.pid();
    }

    /** The commands run so far and their output, bounded; the tools record into it. */
    public Transcript transcript() {
        return transcript;
    }

    public long commandsRun() {
        return commands.get();
    }

    public Instant lastUsed() {
        return lastUsed;
    }

    /** Whether a command is running now, or crash is still coming back from interrupting one. */
    public boolean busy() {
        return lock.availablePermits() == 0;
    }

    /** Whether crash is still coming back to its prompt after a Ctrl-C (the session is busy meanwhile). */
    public boolean stopping() {
        return stopping;
    }

    /** Why the session ended, if it has. */
    public Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    /**
     * Runs one command, streaming its output to {@code sink} line by line; ending the sink is the caller's part.
     *
     * @throws SessionEndedException if crash is gone
     * @throws ToolException if another command still runs after {@code busyWait}
     */
    public Reply execute(String command, LineSink sink, Duration timeout, CallCancellation cancellation,
            Duration busyWait) throws InterruptedException {
        checkOpen();
        if (!lock.tryAcquire(busyWait.toMillis(), TimeUnit.MILLISECONDS)) {
            String other = running == null ? "a command" : "'" + running + "'";
            long seconds = (System.nanoTime() - runningSince) / 1_000_000_000L;
            throw new ToolException(stopping
                    ? "session busy: " + other + " was interrupted " + seconds + " s ago and crash is still returning "
                            + "to its prompt in session " + id() + " (gdb can take a while to stop); retry in a few "
                            + "seconds"
                    : "session busy: " + other + " has been running for " + seconds + " s in session " + id()
                            + "; wait for it to finish or use another session");
        }
        boolean release = true;
        try {
            checkOpen();
            running = command;
            runningSince = System.nanoTime();
            Reply reply = console.run(command, sink, timeout, cancellation);
            commands.incrementAndGet();
            if (reply.ending() == Reply.Ending.SESSION_ENDED && !closed.get()) {
                endReason = reply.endReason().orElse("crash exited") + " while running '" + command + "'";
                close();
            } else if (reply.stillStopping()) {
                stopping = true;
                release = false;
                reply.settled().whenComplete((inStep, failure) -> settled(command, Boolean.TRUE.equals(inStep)));
            }
            return reply;
        } finally {
            if (release) {
                running = null;
                lastUsed = Instant.now();
                lock.release();
            }
        }
    }

    /** Crash came back from a slow Ctrl-C (the session is free again) or had to be killed (the session ends). */
    private void settled(String command, boolean inStep) {
        stopping = false;
        running = null;
        lastUsed = Instant.now();
        if (!inStep && !closed.get()) {
            endReason = "crash did not return to its prompt after Ctrl-C while running '" + command + "' and was killed";
        }
        lock.release();
        if (!inStep) {
            close();
        }
    }

    /** Sends {@code quit}, kills crash if it lingers, and removes the session's private folder. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (endReason == null) {
            endReason = "closed";
        }
        boolean idle = lock.tryAcquire();
        try {
            if (idle) {
                console.quit(QUIT_GRACE);
            } else {
                console.close();
            }
        } finally {
            if (idle) {
                lock.release();
            }
            deleteDirectory();
        }
    }

    private void checkOpen() {
        if (closed.get() || !console.isAlive()) {
            if (endReason == null) {
                endReason = "crash exited unexpectedly (" + console.exitDescription() + ")";
            }
            close();
            throw new SessionEndedException(id(), endReason);
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: the provider's state folder is private
                }
            });
        } catch (IOException e) {
            // already gone
        }
    }
}
