package io.dynamicmcp.core.pty;

import com.pty4j.PtyProcess;
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

    private final PtyProcess process;
    private final String description;
    private final BlockingQueue<byte[]> chunks;
    private final OutputStream input;
    private final Thread reader;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ended;

    private PtyChild(PtyProcess process, String description, int capacity) {
        this.process = process;
        this.description = description;
        this.chunks = new ArrayBlockingQueue<>(capacity);
        this.input = process.getOutputStream();
        this.reader = new Thread(this::pump, "pty-reader-" + process.pid());
        this.reader.setDaemon(true);
    }

    static PtyChild attach(PtyProcess process, String description, int capacity) {
        PtyChild child = new PtyChild(process, description, capacity);
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
     * Waits for the child to exit; true if it did within the timeout. pty4j does not override the timed
     * {@link Process#waitFor(long, TimeUnit)}, whose default polls every 100 ms; its reaper thread updates
     * {@code isAlive()} at once, so a short backing-off poll of that answers within a few milliseconds.
     */
    public boolean waitFor(Duration timeout) throws InterruptedException {
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
            chunks.clear();
            ChildReaper.unregister(this);
        }
    }

    private void pump() {
        byte[] buffer = new byte[CHUNK];
        try (InputStream output = process.getInputStream()) {
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
