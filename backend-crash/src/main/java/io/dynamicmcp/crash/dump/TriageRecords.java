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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What triage concluded about each dump (class, signature, culprit), kept in a small JSON file under the provider's
 * state folder and keyed by the dump's identity: its path, size and modification time, so a dump that is replaced or
 * rewritten is not mistaken for the one triaged. {@code list_crash_dumps}, {@code group_crash_dumps} and the dump
 * resources show it. At most {@link #MAX_RECORDS} dumps are remembered (a fleet's folder holds thousands), the least
 * recently triaged forgotten first; they are kept in memory by path, so a grouping asks for every dump of a tree
 * without reading the file again. The file is written at once, or, when it was written less than
 * {@link #WRITE_EVERY} ago (the background triage of a fleet records one dump after another), once that time has
 * passed, so that it is not rewritten for every dump; {@link #flush()} writes what is pending. Thread-safe; a file
 * that cannot be read or written costs the memory, never a call.
 */
public final class TriageRecords {

    /** How many dumps are remembered. */
    public static final int MAX_RECORDS = 50_000;

    private static final System.Logger LOG = System.getLogger(TriageRecords.class.getName());
    /**
     * Jackson, loaded when the records are first read or written, not when the server starts (it is hundreds of
     * classes). Every use of a Jackson type is in here: a type named in a method of the outer class would be loaded
     * when that class is checked at start-up.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }

        static List<Record> read(Path file) throws IOException {
            return MAPPER.readValue(file.toFile(), new TypeReference<List<Record>>() { });
        }
    }
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

    /** The least time between two writes of the file. */
    static final Duration WRITE_EVERY = Duration.ofSeconds(2);
    private static final ScheduledExecutorService WRITER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "crash-triage-records");
        thread.setDaemon(true);
        return thread;
    });

    private final Path file;
    private LinkedHashMap<String, Record> records;
    private long lastWrite = System.nanoTime() - WRITE_EVERY.toNanos();
    private boolean writePending;

    /** @param folder where the file is kept (created when the first record is written) */
    public TriageRecords(Path folder) {
        this.file = requireNonNull(folder, "folder is null").resolve(FILE);
    }

    /** What triage concluded about the dump at {@code path} as it is now; empty if it was not triaged or has changed. */
    public Optional<Record> find(Path path) {
        return Identity.of(path).flatMap(this::find);
    }

    /** What triage concluded about the dump as {@code dump} identifies it; empty if not triaged or since changed. */
    public Optional<Record> find(DumpIdentity dump) {
        return find(Identity.of(dump));
    }

    private synchronized Optional<Record> find(Identity identity) {
        return Optional.ofNullable(loaded().get(identity.path())).filter(identity::matches);
    }

    /** The dump's metadata ({@link DumpFile#toMap()}) with {@code triage}: what triage concluded, or null. */
    public Map<String, Object> withTriage(DumpFile dump) {
        Map<String, Object> map = new LinkedHashMap<>(dump.toMap());
        map.put("triage", find(dump.identity()).map(Record::toMap).orElse(null));
        return map;
    }

    /** Remembers what triage concluded about the dump at {@code path} as it is now. */
    public void record(Path path, String failureClass, String signature, Optional<String> culprit) {
        Identity.of(path).ifPresent(identity -> record(identity, failureClass, signature, culprit));
    }

    /** Remembers what triage concluded about the dump as {@code dump} identifies it. */
    public void record(DumpIdentity dump, String failureClass, String signature, Optional<String> culprit) {
        record(Identity.of(dump), failureClass, signature, culprit);
    }

    private synchronized void record(Identity identity, String failureClass, String signature,
            Optional<String> culprit) {
        LinkedHashMap<String, Record> kept = loaded();
        kept.remove(identity.path());
        kept.put(identity.path(), new Record(identity.path(), identity.size(), identity.modified(), failureClass,
                signature, culprit.orElse(null), Instant.now().toString()));
        while (kept.size() > MAX_RECORDS) {
            kept.remove(kept.keySet().iterator().next());
        }
        if (writePending) {
            return;
        }
        long wait = lastWrite + WRITE_EVERY.toNanos() - System.nanoTime();
        if (wait <= 0) {
            write();
        } else {
            writePending = true;
            WRITER.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Writes the records now if some are not written yet. */
    public synchronized void flush() {
        if (writePending) {
            writePending = false;
            write();
        }
    }

    /** The records by path, the least recently triaged first (the file lists the most recent first). */
    private LinkedHashMap<String, Record> loaded() {
        if (records == null) {
            records = new LinkedHashMap<>();
            if (Files.isRegularFile(file)) {
                try {
                    List<Record> read = new ArrayList<>(Json.read(file));
                    Collections.reverse(read);
                    read.forEach(record -> records.put(record.path(), record));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot read {0} ({1}); triaged dumps are forgotten", file, e.toString());
                }
            }
        }
        return records;
    }

    private void write() {
        lastWrite = System.nanoTime();
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
            List<Record> newestFirst = new ArrayList<>(records.values());
            Collections.reverse(newestFirst);
            Json.MAPPER.writeValue(temporary.toFile(), newestFirst);
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

        static Identity of(DumpIdentity dump) {
            return new Identity(dump.path().toString(), dump.size(), dump.modified().toString());
        }

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
