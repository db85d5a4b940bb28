package io.dynamicmcp.spi;

import java.nio.file.Path;

/** What the host offers a provider when it opens it. */
public interface ProviderContext {

    /** @return the merged configuration (flags, environment, {@code .env} files) */
    Settings settings();

    /**
     * A folder private to this provider (mode 0700), created on demand, for state such as stored outputs.
     * The provider owns its content and should clean up what it no longer needs.
     */
    Path stateDirectory();

    /** The audit log every security-relevant action must be written to. */
    AuditLog auditLog();

    /**
     * Tells the host that what this provider's {@link ResourceSource}s list changed (a dump appeared, a session
     * ended). The host lists them again on its own thread and, if the list differs, tells every connected client
     * ({@code notifications/resources/list_changed}). It returns at once, may be called from any thread and as often
     * as needed: calls that come in a burst are handled as one.
     */
    default void resourcesChanged() {
    }

    /**
     * The host's process service, through which the provider <em>must</em> start every child program. The children
     * belong to the tool set opened with this context: the host reaps them when the set closes and when the server
     * exits.
     *
     * @return the service; the same instance on every call
     * @throws UnsupportedOperationException if the host offers none (a provider's own test double, say)
     */
    default ProcessService processes() {
        throw new UnsupportedOperationException("this host does not offer a process service");
    }
}
