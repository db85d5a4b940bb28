package io.dynamicmcp.core.host;

import io.dynamicmcp.spi.ProviderContext;

/** Makes the context a provider is opened with. */
@FunctionalInterface
public interface ContextFactory {

    ProviderContext create(String providerId);
}
