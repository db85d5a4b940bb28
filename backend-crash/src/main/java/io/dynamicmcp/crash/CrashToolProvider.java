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
import java.lang.System.Logger.Level;

/**
 * Crash dump analysis with the {@code crash} utility. Opens even where crash is missing, so that
 * {@code get_crash_info} can say what to install.
 */
public final class CrashToolProvider implements ToolProvider {

    private static final System.Logger LOG = System.getLogger(CrashToolProvider.class.getName());

    @Override
    public String id() {
        return "crash";
    }

    @Override
    public ToolSet open(ProviderContext context) {
        CrashSettings settings = CrashSettings.from(context.settings());
        Optional<CrashBinary> crash = CrashBinary.locate(settings.crashBinary(), context.stateDirectory().resolve("home"),
                context.processes());
        if (crash.isEmpty()) {
            LOG.log(Level.WARNING, "crash was not found; {0}", CrashBinary.INSTALL_HINT);
        }
        OutputStore outputs;
        try {
            outputs = OutputStore.fromSettings(context.settings(), context.stateDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store of command outputs", e);
        }
        return new CrashToolSet(new CrashBackend(settings, context.stateDirectory(), crash, Optional.empty(),
                CommandPolicy.fromSettings(context.settings()), outputs, context.auditLog(), context.processes(),
                context::resourcesChanged));
    }
}
