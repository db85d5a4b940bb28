package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The dump files under the dump root, found by walking it (RHEL and Debian kdump trees, kdump's remote targets, and
 * loose {@code vmcore*}, {@code core*}, {@code *.crash}, {@code dump*} and {@code *.dump} files; kernel logs beside
 * them skipped), newest first. The walk reads names and file attributes only, never a dump. When remembering is on,
 * the result is kept until {@link #invalidate()} (the watcher calls it when the tree changes), so a later page costs no
 * walk; otherwise every call walks. Thread-safe: one walk at a time, whose result every waiting caller shares.
 */
public final class DumpTree {

    /** How deep under the root dumps are looked for. */
    public static final int MAX_DEPTH = 6;
    private static final Pattern DUMP_NAME =
            Pattern.compile("(vmcore.*|core.*|.*\\.crash|dump.*|.*\\.dump)");
    private static final Pattern NOT_A_DUMP = Pattern.compile(".*(dmesg.*|\\.txt|\\.log)");

    private final DumpNames names;
    private final boolean remember;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    private record Snapshot(long generation, List<DumpEntry> entries) {
    }

    /** @param remember whether a walk's result is kept until {@link #invalidate()} */
    public DumpTree(DumpNames names, boolean remember) {
        this.names = requireNonNull(names, "names is null");
        this.remember = remember;
    }

    public DumpNames names() {
        return names;
    }

    /** Every dump file under the root, newest first; an unmodifiable list. */
    public List<DumpEntry> entries() {
        if (!remember) {
            return walk();
        }
        Snapshot known = snapshot;
        if (known != null && known.generation() == generation.get()) {
            return known.entries();
        }
        synchronized (this) {
            known = snapshot;
            long current = generation.get();
            if (known != null && known.generation() == current) {
                return known.entries();
            }
            List<DumpEntry> entries = walk();
            snapshot = new Snapshot(current, entries);
            return entries;
        }
    }

    /** The tree changed: the next call walks it again. Cheap; any thread. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    /** Whether the file's name is one dumps have (and kernel logs beside them do not). */
    public static boolean looksLikeDump(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return DUMP_NAME.matcher(name).matches() && !NOT_A_DUMP.matcher(name).matches();
    }

    private List<DumpEntry> walk() {
        List<DumpEntry> entries = new ArrayList<>();
        Path root = names.root();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!looksLikeDump(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attributes.isRegularFile()) {
                        add(entries, file, attributes);
                    } else if (attributes.isSymbolicLink() && Files.isRegularFile(file) && names.isInside(file)) {
                        DumpIdentity.read(file).ifPresent(identity -> entries.add(entry(file, identity)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        entries.sort(DumpEntry.NEWEST_FIRST);
        return List.copyOf(entries);
    }

    private void add(List<DumpEntry> entries, Path file, BasicFileAttributes attributes) {
        entries.add(entry(file, DumpIdentity.of(file, attributes)));
    }

    private DumpEntry entry(Path file, DumpIdentity identity) {
        String name = names.nameOf(file);
        return new DumpEntry(name, identity, DumpLayout.of(name));
    }
}
