package io.dynamicmcp.testkit;

import io.dynamicmcp.core.config.LayeredSettings;
import io.dynamicmcp.spi.AuditLog;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ProviderContext} for tests: given settings, a state folder, and an audit log kept in memory. */
public final class TestContext implements ProviderContext {

    private final Settings settings;
    private final Path state;
    private final List<Map<String, Object>> audit = new CopyOnWriteArrayList<>();

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

    /** Every event recorded so far. */
    public List<Map<String, Object>> auditEvents() {
        return audit;
    }
}
