package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.FinishedProcess;
import io.dynamicmcp.spi.ProcessService;
import io.dynamicmcp.spi.ProcessSpec;
import io.dynamicmcp.spi.Supervision;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The file crash opens for a dump in makedumpfile's flattened format, which kdump's ssh target writes
 * ({@code vmcore.flat}: makedumpfile's output streamed over ssh, in blocks that each say where they belong). crash
 * reads that format itself, sorting the blocks first; whether this crash does is checked once, on the first flattened
 * dump opened: {@code crash --osrelease} must name a release from it. Where it does not (or
 * {@code CRASH_FLAT_DUMPS=reassemble}), the dump is put back in order with {@code makedumpfile -R} into a cache under
 * the provider's state folder, one copy per dump identity, and crash opens the copy; the least recently used copies
 * go when the cache passes its size. Thread-safe: one reassembly at a time.
 */
public final class FlattenedDumps {

    private static final System.Logger LOG = System.getLogger(FlattenedDumps.class.getName());
    private static final Duration REASSEMBLY_LIMIT = Duration.ofHours(2);

    /** How flattened dumps are opened. */
    public enum Mode {
        /** Directly when crash reads the format, else reassembled. */
        AUTO,
        /** Always reassembled first. */
        REASSEMBLE;

        public static Mode parse(String value) {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
    }

    private final Optional<CrashBinary> crash;
    private final ProcessService processes;
    private final Path cache;
    private final Mode mode;
    private final long maxBytes;
    private Boolean crashReadsFlat;

    /**
     * @param cache the folder of reassembled copies (created on first use)
     * @param maxBytes the most the copies may take together; the least recently used go first
     */
    public FlattenedDumps(Optional<CrashBinary> crash, ProcessService processes, Path cache, Mode mode, long maxBytes) {
        this.crash = requireNonNull(crash, "crash is null");
        this.processes = requireNonNull(processes, "processes is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.maxBytes = maxBytes;
    }

    /**
     * The file crash should open for {@code dump}: the dump itself unless it is flattened and this crash cannot read
     * that, then its reassembled copy (made now if need be, reporting through {@code progress}).
     *
     * @throws ToolException when the copy cannot be made (no makedumpfile, no room, a broken file), saying how to
     *     make it by hand
     */
    public synchronized Path openable(DumpFile dump, CallCancellation cancellation, Consumer<String> progress) {
        if (dump.format() != DumpFormat.MAKEDUMPFILE_FLATTENED || (mode == Mode.AUTO && crashReadsFlat(dump))) {
            return dump.path();
        }
        Path copy = cache.resolve(key(dump.identity()) + ".vmcore");
        if (Files.isRegularFile(copy)) {
            touch(copy);
            return copy;
        }
        progress.accept("reassembling the flattened dump " + dump.name() + " with makedumpfile -R (" + dump.size()
                / (1024 * 1024) + " MiB)");
        reassemble(dump, copy, cancellation);
        evict(copy);
        return copy;
    }

    /** Whether this crash reads the flattened format, asked once: crash --osrelease names a release from the dump. */
    private boolean crashReadsFlat(DumpFile dump) {
        if (crashReadsFlat == null) {
            crashReadsFlat = crash.flatMap(binary -> binary.runQuick(List.of("--osrelease", dump.path().toString())))
                    .map(String::strip).filter(out -> !out.isEmpty() && !out.equals("unknown")).isPresent();
            LOG.log(Level.INFO, "crash {0} the makedumpfile flattened format{1}", crashReadsFlat ? "reads" : "does not read",
                    crashReadsFlat ? "" : "; flattened dumps are reassembled with makedumpfile -R before crash opens them");
        }
        return crashReadsFlat;
    }

    private void reassemble(DumpFile dump, Path copy, CallCancellation cancellation) {
        Path partial = copy.resolveSibling(copy.getFileName() + ".partial");
        try {
            Files.createDirectories(cache);
            Files.deleteIfExists(partial);
            FinishedProcess done = processes.run(ProcessSpec.command("/bin/sh", "-c",
                            "exec makedumpfile -R \"$1\" < \"$2\"", "makedumpfile", partial.toString(),
                            dump.path().toString())
                    .directory(cache).outputLimit(64 * 1024).build(),
                    Supervision.deadline(REASSEMBLY_LIMIT).stopOn(cancellation).killAtDeadline());
            if (!done.succeeded() || !Files.isRegularFile(partial)) {
                String status = done.exitStatus().isPresent() ? "exit " + done.exitStatus().getAsInt() : "stopped";
                throw new ToolException("makedumpfile -R could not reassemble " + dump.name() + " (" + status + "): "
                        + done.text().strip() + hint(dump));
            }
            try {
                Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ToolException("cannot reassemble " + dump.name() + " with makedumpfile -R: " + e.getMessage()
                    + hint(dump));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while reassembling " + dump.name());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot remove {0}: {1}", partial, e.toString());
            }
        }
    }

    private static String hint(DumpFile dump) {
        return ". This crash does not read makedumpfile's flattened format itself, so the server puts it back in order "
                + "first; that needs makedumpfile (apt install makedumpfile, dnf install makedumpfile) and room for a "
                + "copy as large as the dump. By hand: makedumpfile -R " + dump.name().replace(".flat", "")
                + " < " + dump.name() + ", then open the result.";
    }

    /** Drops the least recently used copies while the cache holds more than its size, never {@code keep}. */
    private void evict(Path keep) {
        List<Path> copies = new ArrayList<>();
        try (Stream<Path> files = Files.list(cache)) {
            files.filter(f -> f.getFileName().toString().endsWith(".vmcore")).forEach(copies::add);
        } catch (IOException e) {
            return;
        }
        copies.sort(Comparator.comparing(FlattenedDumps::lastUsed));
        long total = copies.stream().mapToLong(FlattenedDumps::size).sum();
        for (Path copy : copies) {
            if (total <= maxBytes) {
                break;
            }
            if (!copy.equals(keep)) {
                total -= size(copy);
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "cannot remove {0}: {1}", copy, e.toString());
                }
            }
        }
    }

    private static void touch(Path copy) {
        try {
            Files.setLastModifiedTime(copy, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // only the eviction order suffers
        }
    }

    private static FileTime lastUsed(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String key(DumpIdentity identity) {
        try {
            String text = identity.path() + "\n" + identity.size() + "\n" + identity.modified();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
