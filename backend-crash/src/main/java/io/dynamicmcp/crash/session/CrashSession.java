package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

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
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * One live crash process on one dump, owned by one caller. Commands run one at a time; a caller that finds
 * the session busy waits a bounded time, then gets a clear error. Thread-safe; closing twice is harmless.
 */
public final class CrashSession implements AutoCloseable {

    private static final Duration QUIT_GRACE = Duration.ofSeconds(3);

    private final SessionInfo info;
    private final String owner;
    private final CrashConsole console;
    private final Path directory;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicLong commands = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Transcript transcript = new Transcript();
    private volatile String running;
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

    /** Whether a command is running now. */
    public boolean busy() {
        return lock.isLocked();
    }

    /** Why the session ended, if it has. */
    public Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    /**
     * Runs one command, streaming its output to {@code sink}.
     *
     * @throws SessionEndedException if crash is gone
     * @throws ToolException if another command still runs after {@code busyWait}
     */
    public Reply execute(String command, OutputSink sink, Duration timeout, CallCancellation cancellation,
            Duration busyWait) throws InterruptedException {
        checkOpen();
        if (!lock.tryLock(busyWait.toMillis(), TimeUnit.MILLISECONDS)) {
            String other = running;
            long seconds = (System.nanoTime() - runningSince) / 1_000_000_000L;
            throw new ToolException("session busy: '" + (other == null ? "a command" : other) + "' has been running for "
                    + seconds + " s in session " + id() + "; wait for it to finish or use another session");
        }
        try {
            checkOpen();
            running = command;
            runningSince = System.nanoTime();
            Reply reply = console.run(command, sink, timeout, cancellation);
            commands.incrementAndGet();
            if (reply.ending() == Reply.Ending.SESSION_ENDED && !closed.get()) {
                endReason = reply.endReason().orElse("crash exited") + " while running '" + command + "'";
                close();
            }
            return reply;
        } finally {
            running = null;
            lastUsed = Instant.now();
            lock.unlock();
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
        boolean idle = lock.tryLock();
        try {
            if (idle) {
                console.quit(QUIT_GRACE);
            } else {
                console.close();
            }
        } finally {
            if (idle) {
                lock.unlock();
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
