package io.dynamicmcp.crash.signature;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpEntry;
import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.DumpIdentity;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.crash.session.SessionSlots;
import io.dynamicmcp.spi.ToolException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Works out the crash signatures a grouping asks for, in the background: dumps wait in line, first asked first
 * served, and a bounded number of worker threads each takes one, waits for a free session place (background work
 * never takes the last one, nor one a client waits for: {@link SessionSlots#tryAcquireBackground()}), and has the
 * {@link SignatureComputer} open it in crash, triage it and close it; the result goes to the {@link SignatureStore}
 * under the dump's identity, or, when it fails, the reason is kept (bounded) so the grouping can say why. The workers
 * start with the first request. Thread-safe; {@link #close()} stops the workers, whose crash processes end with them.
 */
public final class SignatureQueue implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SignatureQueue.class.getName());
    /** Dumps that may wait at once; more are asked for again by the next grouping. */
    static final int MAX_WAITING = 100_000;
    private static final int REMEMBERED_FAILURES = 10_000;
    private static final long PLACE_POLL_MILLIS = 500;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final SignatureStore store;
    private final SignatureComputer computer;
    private final SessionSlots slots;
    private final DumpLocator dumps;
    private final int workers;
    private final LinkedBlockingQueue<DumpEntry> line = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Set<DumpIdentity> waiting = ConcurrentHashMap.newKeySet();
    private final Map<DumpIdentity, String> failures = new LinkedHashMap<>(16, 0.75f, true);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /** @param workers how many dumps are worked on at once, each with a crash process */
    public SignatureQueue(SignatureStore store, SignatureComputer computer, SessionSlots slots, DumpLocator dumps,
            int workers) {
        this.store = requireNonNull(store, "store is null");
        this.computer = requireNonNull(computer, "computer is null");
        this.slots = requireNonNull(slots, "slots is null");
        this.dumps = requireNonNull(dumps, "dumps is null");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.workers = workers;
    }

    public int workers() {
        return workers;
    }

    /** Why signatures cannot be computed here, if they cannot. */
    public Optional<String> unavailable() {
        return computer.unavailable();
    }

    /**
     * Puts the dump in line unless its signature is known, it is already waiting, it failed as it is now, or the line
     * is full.
     *
     * @return whether it is waiting now
     */
    public boolean request(DumpEntry entry) {
        DumpIdentity identity = entry.identity();
        if (closed || computer.unavailable().isPresent() || store.find(identity).isPresent()
                || failure(identity).isPresent()) {
            return waiting.contains(identity);
        }
        if (!waiting.add(identity)) {
            return true;
        }
        if (!line.offer(entry)) {
            waiting.remove(identity);
            return false;
        }
        startWorkers();
        return true;
    }

    /** Whether the dump is waiting or being worked on. */
    public boolean waiting(DumpIdentity identity) {
        return waiting.contains(identity);
    }

    /** How many dumps are waiting or being worked on. */
    public int waiting() {
        return waiting.size();
    }

    /** Why the signature of the dump, as it is now, could not be worked out, if it could not. */
    public Optional<String> failure(DumpIdentity identity) {
        synchronized (failures) {
            return Optional.ofNullable(failures.get(identity));
        }
    }

    /** Stops the workers; dumps still waiting are dropped. Idempotent. */
    @Override
    public void close() {
        closed = true;
        List<Thread> running;
        synchronized (threads) {
            running = List.copyOf(threads);
        }
        computer.close();
        running.forEach(Thread::interrupt);
        line.clear();
        waiting.clear();
        // a worker may be recording a signature: let it finish, so nothing writes to the state folder after close
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            for (Thread thread : running) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    thread.join(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startWorkers() {
        synchronized (threads) {
            while (!closed && threads.size() < workers) {
                Thread thread = new Thread(this::work, "crash-signature-" + (threads.size() + 1));
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }
    }

    private void work() {
        try {
            while (!closed) {
                DumpEntry entry = line.take();
                try {
                    awaitPlace();
                    try {
                        sign(entry);
                    } finally {
                        slots.release();
                    }
                } finally {
                    waiting.remove(entry.identity());
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void awaitPlace() throws InterruptedException {
        while (!slots.tryAcquireBackground()) {
            if (closed) {
                throw new InterruptedException("closed");
            }
            Thread.sleep(PLACE_POLL_MILLIS);
        }
    }

    private void sign(DumpEntry entry) throws InterruptedException {
        if (store.find(entry.identity()).isPresent()) {
            return;
        }
        Optional<DumpFile> dump = dumps.describe(entry.path());
        if (dump.isEmpty()) {
            fail(entry.identity(), "the dump is gone");
            return;
        }
        if (!dump.get().openable()) {
            fail(entry.identity(), dump.get().condition().complete()
                    ? "crash cannot open it: " + dump.get().unreadableReason().orElse("not a dump format crash reads")
                    : "it is " + dump.get().condition().state().wireName().replace('_', ' ') + ": "
                            + dump.get().condition().reason().orElse(""));
            return;
        }
        long started = System.nanoTime();
        try {
            KnownSignature signature = computer.compute(dump.get());
            store.record(dump.get().identity(), signature);
            LOG.log(Level.DEBUG, "signature of {0}: {1} ({2} ms)", entry.name(), signature.id(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (ToolException e) {
            fail(entry.identity(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "working out the signature of " + entry.name() + " failed", e);
            fail(entry.identity(), e.toString());
        }
    }

    private void fail(DumpIdentity identity, String why) {
        synchronized (failures) {
            failures.put(identity, why);
            while (failures.size() > REMEMBERED_FAILURES) {
                failures.remove(failures.keySet().iterator().next());
            }
        }
    }
}
