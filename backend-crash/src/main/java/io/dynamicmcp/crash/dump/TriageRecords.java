package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What triage concluded about each dump (class, signature, culprit), kept in a small JSON file under the provider's
 * state folder and keyed by the dump's identity: its path, size and modification time, so a dump that is replaced or
 * rewritten is not mistaken for the one triaged. {@code list_crash_dumps} and the dump resources show it. At most
 * {@link #MAX_RECORDS} dumps are remembered, the least recently triaged forgotten first. Thread-safe; a file that
 * cannot be read or written costs the memory, never a call.
 */
public final class TriageRecords {

    /** How many dumps are remembered. */
    public static final int MAX_RECORDS = 1000;

    private static final System.Logger LOG = System.getLogger(TriageRecords.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "triaged-dumps.json";

    /**
     * One triaged dump.
     *
     * @param culprit {@code function [module]}, or null when triage found none
     */
    public record Record(String path, long size, String modified, String failureClass, String signature,
            String culprit, String triaged) {

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("class", failureClass);
            map.put("signature", signature);
            map.put("culprit", culprit);
            map.put("triaged", triaged);
            return map;
        }
    }

    private final Path file;
    private List<Record> records;

    /** @param folder where the file is kept (created when the first record is written) */
    public TriageRecords(Path folder) {
        this.file = requireNonNull(folder, "folder is null").resolve(FILE);
    }

    /** What triage concluded about the dump at {@code path} as it is now; empty if it was not triaged or has changed. */
    public synchronized Optional<Record> find(Path path) {
        Optional<Identity> identity = Identity.of(path);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        return loaded().stream().filter(identity.get()::matches).findFirst();
    }

    /** The dump's metadata ({@link DumpFile#toMap()}) with {@code triage}: what triage concluded, or null. */
    public Map<String, Object> withTriage(DumpFile dump) {
        Map<String, Object> map = new LinkedHashMap<>(dump.toMap());
        map.put("triage", find(dump.path()).map(Record::toMap).orElse(null));
        return map;
    }

    /** Remembers what triage concluded about the dump at {@code path} as it is now. */
    public synchronized void record(Path path, String failureClass, String signature, Optional<String> culprit) {
        Optional<Identity> identity = Identity.of(path);
        if (identity.isEmpty()) {
            return;
        }
        List<Record> kept = new ArrayList<>(loaded());
        kept.removeIf(r -> r.path().equals(identity.get().path()));
        kept.add(0, new Record(identity.get().path(), identity.get().size(), identity.get().modified(), failureClass,
                signature, culprit.orElse(null), Instant.now().toString()));
        records = List.copyOf(kept.subList(0, Math.min(MAX_RECORDS, kept.size())));
        write();
    }

    private List<Record> loaded() {
        if (records == null) {
            records = List.of();
            if (Files.isRegularFile(file)) {
                try {
                    records = List.copyOf(JSON.readValue(file.toFile(), new TypeReference<List<Record>>() { }));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot read {0} ({1}); triaged dumps are forgotten", file, e.toString());
                }
            }
        }
        return records;
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
            JSON.writeValue(temporary.toFile(), records);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write {0} ({1}); this triage is not remembered", file, e.toString());
        }
    }

    /** A dump as it is now: absolute path, size, modification time. */
    private record Identity(String path, long size, String modified) {

        static Optional<Identity> of(Path dump) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(dump, BasicFileAttributes.class);
                return Optional.of(new Identity(dump.toAbsolutePath().normalize().toString(), attributes.size(),
                        attributes.lastModifiedTime().toInstant().toString()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        boolean matches(Record record) {
            return record.path().equals(path) && record.size() == size && record.modified().equals(modified);
        }
    }
}
