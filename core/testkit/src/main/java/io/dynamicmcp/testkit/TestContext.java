package io.dynamicmcp.testkit;

import io.dynamicmcp.core.config.LayeredSettings;
import io.dynamicmcp.core.process.HostProcesses;
import io.dynamicmcp.spi.ChildProcess;
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
 * A {@link ProviderContext} for tests: given settings, a state folder, an audit log kept in memory, a count of
 * {@link #resourcesChanged()} calls, and the host's real process service. {@link #close()} kills what the provider's
 * set left running and fails if anything had to be killed.
 */
public final class TestContext implements ProviderContext, AutoCloseable {

    private final Settings settings;
    private final Path state;
    private final List<Map<String, Object>> audit = new CopyOnWriteArrayList<>();
    private final Semaphore resourceChanges = new Semaphore(0);
    private final HostProcesses processes = new HostProcesses("test");

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

    @Override
    public HostProcesses processes() {
        return processes;
    }

    /** The children the provider started that are still open. */
    public List<ChildProcess> children() {
        return processes.children();
    }

    /**
     * Kills what the set left running; call it after the set's {@code close()}.
     *
     * @throws AssertionError naming the children that outlived the set, if there were any
     */
    @Override
    public void close() {
        List<ChildProcess> left = processes.children();
        processes.close();
        if (!left.isEmpty()) {
            throw new AssertionError("child processes outlived the tool set: " + left);
        }
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
