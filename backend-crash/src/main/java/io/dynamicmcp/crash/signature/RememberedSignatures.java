package io.dynamicmcp.crash.signature;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpIdentity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signatures kept in memory by dump identity, the least recently used forgotten past a bound; lost when the server
 * stops. Thread-safe.
 */
public final class RememberedSignatures implements SignatureStore {

    private final int capacity;
    private final Map<DumpIdentity, KnownSignature> known = new LinkedHashMap<>(16, 0.75f, true);

    public RememberedSignatures(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized Optional<KnownSignature> find(DumpIdentity dump) {
        return Optional.ofNullable(known.get(requireNonNull(dump, "dump is null")));
    }

    @Override
    public synchronized void record(DumpIdentity dump, KnownSignature signature) {
        known.put(requireNonNull(dump, "dump is null"), requireNonNull(signature, "signature is null"));
        while (known.size() > capacity) {
            known.remove(known.keySet().iterator().next());
        }
    }
}
