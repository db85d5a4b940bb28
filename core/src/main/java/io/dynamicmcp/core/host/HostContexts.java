package io.dynamicmcp.core.host;

import io.dynamicmcp.core.process.HostProcesses;
import io.dynamicmcp.spi.AuditLog;
import io.dynamicmcp.spi.ProcessService;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes each provider's context: shared settings and audit log, a private state folder per provider, the host's signal
 * for resource changes, and a process service of its own, which {@link ToolHost} closes after the provider's set.
 */
public final class HostContexts implements ContextFactory {

    private final Settings settings;
    private final Path stateRoot;
    private final AuditLog auditLog;

    public HostContexts(Settings settings, Path stateRoot, AuditLog auditLog) {
        this.settings = settings;
        this.stateRoot = stateRoot;
        this.auditLog = auditLog;
    }

    @Override
    public ProviderContext create(String providerId, Runnable resourcesChanged) {
        HostProcesses processes = new HostProcesses(providerId);
        return new ClosableContext() {
            @Override
            public String providerId() {
                return providerId;
            }

            @Override
            public ProcessService processes() {
                return processes;
            }

            @Override
            public void close() {
                processes.close();
            }

            @Override
            public Settings settings() {
                return settings;
            }

            @Override
            public Path stateDirectory() {
                return privateFolder(stateRoot.resolve(providerId));
            }

            @Override
            public AuditLog auditLog() {
                return auditLog;
            }

            @Override
            public void resourcesChanged() {
                resourcesChanged.run();
            }
        };
    }

    /** Creates a folder only its owner can read (0700) if it does not exist. */
    public static Path privateFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the private folder " + folder, e);
        }
    }
}
