package io.dynamicmcp.core.host;

import io.dynamicmcp.spi.ProviderContext;

/** Makes the context a provider is opened with. */
@FunctionalInterface
public interface ContextFactory {

    /**
     * @param resourcesChanged what the context's {@link ProviderContext#resourcesChanged()} must run: the host's
     *     signal that this provider's resources changed
     */
    ProviderContext create(String providerId, Runnable resourcesChanged);
}
