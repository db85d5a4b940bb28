package io.dynamicmcp.crash.signature;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpIdentity;
import io.dynamicmcp.crash.dump.TriageRecords;
import java.util.Optional;

/**
 * The signatures crash_triage keeps with each dump's metadata ({@link TriageRecords}): what a client's triage found
 * and what the background work found are one store, so neither triages a dump the other already did.
 */
public final class TriagedSignatures implements SignatureStore {

    private final TriageRecords records;

    public TriagedSignatures(TriageRecords records) {
        this.records = requireNonNull(records, "records is null");
    }

    @Override
    public Optional<KnownSignature> find(DumpIdentity dump) {
        return records.find(dump).map(r -> new KnownSignature(r.signature(), r.failureClass(),
                Optional.ofNullable(r.culprit())));
    }

    @Override
    public void record(DumpIdentity dump, KnownSignature signature) {
        records.record(dump, signature.failureClass(), signature.id(), signature.culprit());
    }
}
