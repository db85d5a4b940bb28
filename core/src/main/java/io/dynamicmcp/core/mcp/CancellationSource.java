package io.dynamicmcp.core.mcp;

import io.dynamicmcp.spi.CallCancellation;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** The cancelling side of a {@link CallCancellation}. */
public final class CancellationSource implements CallCancellation {

    private final AtomicReference<Reason> reason = new AtomicReference<>();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    /** Cancels with the given reason; only the first call has an effect. */
    public void cancel(Reason why) {
        if (reason.compareAndSet(null, why)) {
            for (Runnable action : actions) {
                runQuietly(action);
            }
        }
    }

    @Override
    public boolean isCancelled() {
        return reason.get() != null;
    }

    @Override
    public Optional<Reason> reason() {
        return Optional.ofNullable(reason.get());
    }

    @Override
    public AutoCloseable onCancel(Runnable action) {
        actions.add(action);
        if (isCancelled() && actions.remove(action)) {
            runQuietly(action);
        }
        return () -> actions.remove(action);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(CancellationSource.class).warn("cancellation action failed", e);
        }
    }
}
