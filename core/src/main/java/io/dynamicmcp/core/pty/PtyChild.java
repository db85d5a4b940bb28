package io.dynamicmcp.core.pty;

import com.pty4j.PtyProcess;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running child in a pty. A dedicated thread reads its output in chunks of at most 64 KiB into a bounded
 * queue; when the owner stops reading, the queue fills and the child blocks on its writes, so memory stays
 * bounded. Closing kills the child and everything it started. Thread-safe; closing twice is harmless.
 */
public final class PtyChild implements AutoCloseable {

    /** What {@link #read} returns when nothing arrived in time. */
    public static final byte[] NOTHING = new byte[0];

    private static final byte[] END = new byte[0];
    private static final int CHUNK = 64 * 1024;
    private static final byte CTRL_C = 0x03;

    /** How long output may go on after the child exited (a descendant holding the terminal) before it is cut. */
    private static final long DRAIN_AFTER_EXIT_MILLIS = 500;

    private final Process process;
    private final String description;
    private final BlockingQueue<byte[]> chunks;
    private final InputStream output;
    private final OutputStream input;
    private final Closeable terminal;
    private final Thread reader;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ended;

    private PtyChild(Process process, InputStream output, OutputStream input, Closeable terminal, String description,
            int capacity) {
        this.process = process;
        this.output = output;
        this.input = input;
        this.terminal = terminal;
        this.description = description;
        this.chunks = new ArrayBlockingQueue<>(capacity);
        this.reader = new Thread(this::pump, "pty-reader-" + process.pid());
        this.reader.setDaemon(true);
    }

    /** A child pty4j started itself: its streams are the terminal's, and pty4j ends them when the child exits. */
    static PtyChild attach(PtyProcess process, String description, int capacity) {
        return start(new PtyChild(process, process.getInputStream(), process.getOutputStream(), () -> { }, description,
                capacity));
    }

    /**
     * A child whose standard streams are the slave side of {@code terminal}, read and written through its master
     * streams. The output ends when nothing holds the slave open any more, or {@value #DRAIN_AFTER_EXIT_MILLIS} ms
     * after the child exited, whichever comes first.
     */
    static PtyChild attach(Process process, InputStream output, OutputStream input, Closeable terminal,
            String description, int capacity) {
        PtyChild child = start(new PtyChild(process, output, input, terminal, description, capacity));
        process.onExit().thenRun(() -> CompletableFuture.delayedExecutor(DRAIN_AFTER_EXIT_MILLIS, TimeUnit.MILLISECONDS)
                .execute(child::closeTerminal));
        return child;
    }

    private static PtyChild start(PtyChild child) {
        ChildReaper.register(child);
        child.reader.start();
        return child;
    }

    public long pid() {
        return process.pid();
    }

    public String description() {
        return description;
    }

    /** Writes bytes to the child's terminal, as if typed. */
    public synchronized void write(byte[] bytes) throws IOException {
        input.write(bytes);
        input.flush();
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Types Ctrl-C: the terminal sends SIGINT to the child's foreground process group. */
    public void interrupt() throws IOException {
        write(new byte[] {CTRL_C});
    }

    /**
     * Waits up to {@code timeout} for output.
     *
     * @return a non-empty chunk; {@link #NOTHING} when nothing arrived in time; {@code null} once the output has
     *     ended (the child closed its terminal or died) and every chunk was read
     */
    public byte[] read(Duration timeout) throws InterruptedException {
        if (ended && chunks.isEmpty()) {
            return null;
        }
        byte[] chunk = chunks.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (chunk == null) {
            return NOTHING;
        }
        if (chunk == END) {
            ended = true;
            return null;
        }
        return chunk;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Waits for the child to exit; true if it did within the timeout. pty4j's processes do not override the timed
     * {@link Process#waitFor(long, TimeUnit)}, whose default polls every 100 ms; their reaper thread updates
     * {@code isAlive()} at once, so a short backing-off poll of that answers within a few milliseconds.
     */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        if (!(process instanceof PtyProcess)) {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (process.isAlive()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
        return true;
    }

    /** Sends SIGTERM to the child and its descendants, waits up to {@code grace}, then kills what is left. */
    public void terminate(Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(process.pid());
        handle.ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroy);
            h.destroy();
        });
        try {
            if (!waitFor(grace)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Kills the child and every descendant at once (SIGKILL). */
    public void kill() {
        ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        process.destroyForcibly();
    }

    /** Kills the child if it still runs and stops the reader. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (process.isAlive()) {
                kill();
                waitFor(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.interrupt();
            closeTerminal();
            chunks.clear();
            ChildReaper.unregister(this);
        }
    }

    private void closeTerminal() {
        try {
            terminal.close();
        } catch (IOException e) {
            // already closed, or the descriptor is gone: either way the reader ends
        }
    }

    private void pump() {
        byte[] buffer = new byte[CHUNK];
        try (output) {
            int n;
            while ((n = output.read(buffer)) > 0) {
                chunks.put(Arrays.copyOf(buffer, n));
            }
        } catch (IOException e) {
            // the terminal closed (EIO once the child is gone): that is the end of the output
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            chunks.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PtyChild[pid=" + process.pid() + ", " + description + "]";
    }
}
