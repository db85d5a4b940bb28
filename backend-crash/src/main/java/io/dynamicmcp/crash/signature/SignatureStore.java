package io.dynamicmcp.crash.signature;

import io.dynamicmcp.crash.dump.DumpIdentity;
import java.util.Optional;

/**
 * Where crash signatures are kept, by dump identity: a dump that changes is not taken for the one that was signed.
 * Implementations must be thread-safe, and should answer {@link #find} from memory: a grouping asks for every dump
 * of the tree.
 */
public interface SignatureStore {

    /** The signature known for the dump as it is now, if any. */
    Optional<KnownSignature> find(DumpIdentity dump);

    /** Keeps {@code signature} for the dump as it is now. */
    void record(DumpIdentity dump, KnownSignature signature);
}
