package io.dynamicmcp.core.host;

import io.dynamicmcp.spi.ProviderContext;

/** A context that holds something of the host's for its provider (its process service), released after its set. */
public interface ClosableContext extends ProviderContext, AutoCloseable {

    /** The provider this context was made for. */
    String providerId();

    /** Releases what the context holds: kills the children the set left running. Idempotent. */
    @Override
    void close();
}
