package io.dynamicmcp.crash.signature;

import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.spi.ToolException;
import java.util.Optional;

/** A server that cannot work out signatures in the background: it groups only the signatures already known. */
public final class UnavailableSignatures implements SignatureComputer {

    static final String WHY = "this build has no background triage; signatures come from crash_triage runs";

    @Override
    public KnownSignature compute(DumpFile dump) {
        throw new ToolException(WHY);
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.of(WHY);
    }
}
