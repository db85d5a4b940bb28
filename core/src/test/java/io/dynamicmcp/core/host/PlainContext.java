package io.dynamicmcp.core.host;

import io.dynamicmcp.core.config.LayeredSettings;
import io.dynamicmcp.spi.AuditLog;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A context for core's own tests: given settings and state folder, no audit, no process service. */
public record PlainContext(Settings settings, Path stateDirectory) implements ProviderContext {

    public PlainContext(Map<String, String> settings, Path stateDirectory) {
        this(LayeredSettings.of(List.of(settings)), stateDirectory);
    }

    @Override
    public AuditLog auditLog() {
        return event -> { };
    }
}
