package io.dynamicmcp.testkit;

import io.dynamicmcp.core.config.LayeredSettings;
import io.dynamicmcp.spi.AuditLog;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ProviderContext} for tests: given settings, a state folder, an audit log kept in memory, and a count of
 * {@link #resourcesChanged()} calls.
 */
public final class TestContext implements ProviderContext {

    private final Settings settings;
    private final Path state;
    private final List<Map<String, Object>> audit = new CopyOnWriteArrayList<>();
    private final Semaphore resourceChanges = new Semaphore(0);

    public TestContext(Map<String, String> settings, Path state) {
        this.settings = LayeredSettings.of(List.of(settings));
        this.state = state;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Path stateDirectory() {
        return state;
    }

    @Override
    public AuditLog auditLog() {
        return audit::add;
    }

    @Override
    public void resourcesChanged() {
        resourceChanges.release();
    }

    /**
     * Waits until {@link #resourcesChanged()} was called since the last wait, at most {@code seconds} (a bound
     * against hanging, not a timing assertion), and forgets every call so far.
     *
     * @return whether it was called
     */
    public boolean awaitResourcesChanged(long seconds) throws InterruptedException {
        boolean called = resourceChanges.tryAcquire(seconds, TimeUnit.SECONDS);
        resourceChanges.drainPermits();
        return called;
    }

    /** Forgets the {@link #resourcesChanged()} calls so far. */
    public void forgetResourceChanges() {
        resourceChanges.drainPermits();
    }

    /** Every event recorded so far. */
    public List<Map<String, Object>> auditEvents() {
        return audit;
    }
}
