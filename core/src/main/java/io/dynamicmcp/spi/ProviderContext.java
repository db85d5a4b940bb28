package io.dynamicmcp.spi;

import java.nio.file.Path;

/** What the host offers a provider when it opens it. */
public interface ProviderContext {

    /** The merged configuration (flags, environment, {@code .env} files). */
    Settings settings();

    /**
     * A folder private to this provider (mode 0700), created on demand, for state such as stored outputs.
     * The provider owns its content and should clean up what it no longer needs.
     */
    Path stateDirectory();

    /** The audit log every security-relevant action must be written to. */
    AuditLog auditLog();

    /** Tells clients that a provider's resource list changed (for example a new dump appeared). */
    default void resourcesChanged() {
    }
}
