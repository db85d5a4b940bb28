package io.dynamicmcp.crash.signature;

import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.spi.ToolException;
import java.util.Optional;

/**
 * Works out a dump's crash signature: opens it in crash (one process, for seconds to a minute), triages it and
 * closes crash. Called on the {@link SignatureQueue}'s threads, one dump per call, with a session place held.
 */
public interface SignatureComputer {

    /**
     * @throws ToolException when the dump cannot be opened or triaged; its message says why, for the grouping's
     *     answer
     */
    KnownSignature compute(DumpFile dump) throws InterruptedException;

    /** Why signatures cannot be computed on this server, if they cannot (no crash, no triage). */
    Optional<String> unavailable();

    /** Stops a computation under way (its crash process ends); called when the queue closes. */
    default void close() {
    }
}
