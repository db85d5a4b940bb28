package io.dynamicmcp.core.process;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.OutputWatcher;
import io.dynamicmcp.spi.ProcessSpec;
import io.dynamicmcp.spi.Supervised;
import io.dynamicmcp.spi.Supervision;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A child of the process service. A dedicated thread reads its output in chunks of at most 64 KiB into a bounded
 * queue (so a child whose output nobody reads blocks on its writes), passes on at most the spec's output limit and
 * drops the rest. The output ends when nothing holds the child's terminal or pipe open any more, or half a second
 * after the child exited (a descendant may hold it), whichever comes first.
 */
final class HostChild implements ChildProcess {

    private static final byte[] END = new byte[0];
    private static final int CHUNK = 64 * 1024;
    private static final byte CTRL_C = 0x03;
    private static final byte CTRL_D = 0x04;
    private static final long DRAIN_AFTER_EXIT_MILLIS = 500;

    /** How the child's input is ended and its terminal or pipes released. */
    interface Ends extends Closeable {
        void closeInput() throws IOException;
    }

    private final ProcessSpec spec;
    private final Program program;
    private final InputStream output;
    private final OutputStream input;
    private final Ends ends;
    private final Instant started = Instant.now();
    private final BlockingQueue<byte[]> chunks;
    private final Thread reader;
    private final Consumer<HostChild> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean supervised = new AtomicBoolean();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean limitReached;
    private volatile boolean ended;

    HostChild(ProcessSpec spec, Program program, InputStream output, OutputStream input, Ends ends, int capacity,
            Consumer<HostChild> onClose) {
        this.spec = requireNonNull(spec, "spec is null");
        this.program = requireNonNull(program, "program is null");
        this.output = output;
        this.input = input;
        this.ends = ends;
        this.onClose = onClose;
        this.chunks = new ArrayBlockingQueue<>(capacity);
        this.reader = new Thread(this::pump, "child-reader-" + program.pid());
        this.reader.setDaemon(true);
        this.reader.start();
        program.onExit().thenRun(() -> CompletableFuture.delayedExecutor(DRAIN_AFTER_EXIT_MILLIS, TimeUnit.MILLISECONDS)
                .execute(this::releaseEnds));
    }

    @Override
    public long pid() {
        return program.pid();
    }

    @Override
    public ProcessSpec spec() {
        return spec;
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        input.write(bytes);
        input.flush();
    }

    @Override
    public void closeInput() throws IOException {
        if (spec.terminal()) {
            write(new byte[] {CTRL_D});
        } else {
            ends.closeInput();
        }
    }

    @Override
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

    @Override
    public void interrupt() throws IOException {
        if (spec.terminal()) {
            write(new byte[] {CTRL_C});
        } else if (program.isAlive()) {
            program.signal(Libc.SIGINT);
        }
    }

    @Override
    public void terminate() {
        signalTree(Libc.SIGTERM);
    }

    @Override
    public void kill() {
        signalTree(Libc.SIGKILL);
    }

    /** Descendants first, while the tree is still whole, then the child itself. */
    private void signalTree(int signal) {
        ProcessHandle.of(program.pid()).ifPresent(handle -> handle.descendants().forEach(
                signal == Libc.SIGKILL ? ProcessHandle::destroyForcibly : ProcessHandle::destroy));
        program.signal(signal);
    }

    @Override
    public boolean isAlive() {
        return program.isAlive();
    }

    @Override
    public OptionalInt exitStatus() {
        return program.exitStatus();
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return program.waitFor(timeout);
    }

    @Override
    public InputState inputState() {
        return spec.terminal() && program.isAlive() ? TerminalWaitProbe.of(program.pid()) : InputState.UNKNOWN;
    }

    @Override
    public long outputBytes() {
        return bytes.get();
    }

    @Override
    public boolean outputLimitReached() {
        return limitReached;
    }

    @Override
    public Supervised supervise(Supervision policy, OutputWatcher watcher) throws InterruptedException {
        if (!supervised.compareAndSet(false, true)) {
            throw new IllegalStateException("child " + pid() + " is already supervised");
        }
        return Supervisor.supervise(this, policy, watcher, () -> supervised.set(false));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (program.isAlive()) {
                kill();
                program.waitFor(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.interrupt();
            releaseEnds();
            chunks.clear();
            onClose.accept(this);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    private void releaseEnds() {
        try {
            ends.close();
        } catch (IOException e) {
            // already released: either way the reader ends
        }
    }

    private void pump() {
        byte[] buffer = new byte[CHUNK];
        try (output) {
            int n;
            while ((n = output.read(buffer)) > 0) {
                long before = bytes.getAndAdd(n);
                long room = spec.outputLimit() - before;
                if (room <= 0) {
                    limitReached = true;
                    continue;
                }
                if (n > room) {
                    limitReached = true;
                    n = (int) room;
                }
                chunks.put(Arrays.copyOf(buffer, n));
            }
        } catch (IOException e) {
            // the terminal or pipe closed (EIO once the child is gone): that is the end of the output
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
        return "child " + program.pid() + " (" + spec.description() + ")";
    }
}
