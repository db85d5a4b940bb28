package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds dumps under the dump root, recursively, so RHEL ({@code <ip>-<date>/vmcore}) and Debian
 * ({@code <stamp>/dump.<stamp>}) kdump trees are found along with loose {@code vmcore*}, {@code core*},
 * {@code *.crash}, {@code dump*} and {@code *.dump} files. Text logs kept beside dumps are skipped.
 * Thread-safe; what it learns about a file is cached until the file changes.
 */
public final class DumpLocator {

    /** How deep under the root dumps are looked for. */
    static final int MAX_DEPTH = 6;
    private static final Pattern DUMP_NAME =
            Pattern.compile("(vmcore.*|core.*|.*\\.crash|dump.*|.*\\.dump)");
    private static final Pattern NOT_A_DUMP = Pattern.compile(".*(dmesg.*|\\.txt|\\.log)");

    private final DumpNames names;
    private final ReleaseReader releases;
    private final KernelMatcher kernels;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long size, Instant modified, KernelIdentity kernel, Optional<Path> vmlinux) {
    }

    public DumpLocator(DumpNames names, ReleaseReader releases, KernelMatcher kernels) {
        this.names = requireNonNull(names, "names is null");
        this.releases = requireNonNull(releases, "releases is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
    }

    public DumpNames names() {
        return names;
    }

    /** The dumps found, newest first. */
    public List<DumpFile> list() {
        List<DumpFile> dumps = new ArrayList<>();
        for (Path file : files()) {
            describe(file).ifPresent(dumps::add);
        }
        dumps.sort(Comparator.comparing(DumpFile::modified).reversed().thenComparing(DumpFile::name));
        return dumps;
    }

    /** The files under the root whose names look like dumps, found without reading them; in no particular order. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(names.root())) {
            return List.of();
        }
        try {
            Files.walkFileTree(names.root(), EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (looksLikeDump(file) && (attributes.isRegularFile()
                            || (attributes.isSymbolicLink() && Files.isRegularFile(file) && names.isInside(file)))) {
                        files.add(file);
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
        return files;
    }

    /** What is known about one file under the root; empty if it vanished. */
    public Optional<DumpFile> describe(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Instant modified = attributes.lastModifiedTime().toInstant();
            Optional<String> unreadable = unreadableReason(file);
            DumpFormat format = unreadable.isPresent() ? DumpFormat.UNKNOWN : DumpFormat.sniff(file);
            Cached known = cache.get(file);
            if (known == null || known.size() != attributes.size() || !known.modified().equals(modified)) {
                KernelIdentity kernel = unreadable.isEmpty() && format.isDump() ? releases.read(file) : KernelIdentity.UNKNOWN;
                known = new Cached(attributes.size(), modified, kernel, kernels.find(kernel, file).vmlinux());
                cache.put(file, known);
            }
            return Optional.of(new DumpFile(names.nameOf(file), file, attributes.size(), modified, unreadable, format,
                    known.kernel(), known.vmlinux()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the file's name is one dumps have (and kernel logs beside them do not). */
    public static boolean looksLikeDump(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return DUMP_NAME.matcher(name).matches() && !NOT_A_DUMP.matcher(name).matches();
    }

    private static Optional<String> unreadableReason(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            in.read();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (run the server as a user that can read the dump, e.g. root)");
        }
    }
}
