package io.dynamicmcp.crash;

import io.dynamicmcp.crash.output.OutputStore;
import io.dynamicmcp.crash.policy.CommandPolicy;
import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash dump analysis with the {@code crash} utility. Opens even where crash is missing, so that
 * {@code get_crash_info} can say what to install.
 */
public final class CrashToolProvider implements ToolProvider {

    private static final Logger LOG = LoggerFactory.getLogger(CrashToolProvider.class);

    @Override
    public String id() {
        return "crash";
    }

    @Override
    public ToolSet open(ProviderContext context) {
        CrashSettings settings = CrashSettings.from(context.settings());
        Optional<CrashBinary> crash = CrashBinary.locate(settings.crashBinary(), context.stateDirectory().resolve("home"));
        if (crash.isEmpty()) {
            LOG.warn("crash was not found; {}", CrashBinary.INSTALL_HINT);
        }
        OutputStore outputs;
        try {
            outputs = OutputStore.fromSettings(context.settings(), context.stateDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store of command outputs", e);
        }
        return new CrashToolSet(new CrashBackend(settings, context.stateDirectory(), crash, Optional.empty(),
                CommandPolicy.fromSettings(context.settings()), outputs, context.auditLog(), context::resourcesChanged));
    }
}
