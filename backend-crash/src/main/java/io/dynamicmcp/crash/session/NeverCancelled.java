package io.dynamicmcp.crash.session;

import io.dynamicmcp.spi.CallCancellation;
import java.util.Optional;

/** A cancellation that never fires, for internal work no client can cancel. */
final class NeverCancelled implements CallCancellation {

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public Optional<Reason> reason() {
        return Optional.empty();
    }

    @Override
    public AutoCloseable onCancel(Runnable action) {
        return () -> { };
    }
}
