package io.dynamicmcp.core.host;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries providers' {@code resourcesChanged()} to whoever publishes resources (each MCP server). A signal returns
 * at once; the listeners run on one daemon thread, and signals that arrive before that thread got to them are
 * handled by a single run. Thread-safe; closing stops the thread and drops later signals.
 */
public final class ResourceChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceChanges.class);

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "resource-changes");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code listener} after every later change, on the changes thread. */
    public void listen(Runnable listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Says that some provider's resources changed. */
    public void signal() {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(this::runListeners);
        } catch (RejectedExecutionException e) {
            // closed: nobody is listening any more
        }
    }

    private void runListeners() {
        queued.set(false);
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("a resource change listener failed", e);
            }
        }
    }

    /** Stops the thread; a listener still running is interrupted. Idempotent. */
    @Override
    public void close() {
        listeners.clear();
        thread.shutdownNow();
    }
}
