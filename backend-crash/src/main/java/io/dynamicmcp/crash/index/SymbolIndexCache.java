package io.dynamicmcp.crash.index;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.ElfBuildId;
import io.dynamicmcp.spi.FinishedProcess;
import io.dynamicmcp.spi.ProcessService;
import io.dynamicmcp.spi.ProcessSpec;
import io.dynamicmcp.spi.Supervision;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Copies of vmlinux and module files with a {@code .gdb_index} section, keyed by build-id: gdb inside crash then skips
 * building its symbol tables from the DWARF, which is most of a session's start (measured about half:
 * docs/performance.md), and, for modules, looks symbols up through their index instead of scanning every module's
 * tables (gdb expressions after {@code mod -s} of 92 modules: 3-10x faster).
 * Each copy lives in {@code <root>/<build-id>/<name>} ({@code vmlinux}, or the module file's name); it is used only
 * when its own build-id matches, touched on use,
 * and the least recently used copies are deleted past the size limit. Building one (gdb writes the index of a copy, as
 * {@code gdb-add-index} has it do, and {@link ElfSectionAppender} adds it to the copy) happens on one background
 * thread, at most one build per kernel at a time across every server process sharing the folder (a file lock), and
 * appears at once (an atomic rename). Thread-safe; closing stops building.
 */
public final class SymbolIndexCache implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SymbolIndexCache.class.getName());
    private static final Pattern BUILD_ID = Pattern.compile("[0-9a-f]{8,128}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final String KERNEL = "vmlinux";
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(20);

    private final IndexSettings settings;
    private final ProcessService processes;
    private final ExecutorService builder;
    private final Map<String, CompletableFuture<Optional<Path>>> building = new ConcurrentHashMap<>();

    public SymbolIndexCache(IndexSettings settings, ProcessService processes) {
        this.settings = requireNonNull(settings, "settings is null");
        this.processes = requireNonNull(processes, "processes is null");
        this.builder = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "symbol-index-builder");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Why indexing cannot happen here, if it cannot (turned off, or no gdb). */
    public Optional<String> unavailable() {
        if (!settings.enabled()) {
            return Optional.of("turned off (" + IndexSettings.ENABLED + "=false)");
        }
        return settings.gdb().isEmpty()
                ? Optional.of("gdb is not installed (Debian/Ubuntu: apt install gdb; RHEL/Fedora: dnf install gdb)")
                : Optional.empty();
    }

    /** The indexed copy of the kernel with {@code buildId}, if there is one whose build-id matches; marks it used. */
    public Optional<Path> find(String buildId) {
        return find(buildId, KERNEL);
    }

    /** The indexed copy named {@code name} of the file with {@code buildId}, as {@link #find(String)}. */
    public Optional<Path> find(String buildId, String name) {
        if (!settings.enabled() || !BUILD_ID.matcher(buildId).matches() || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path copy = settings.root().resolve(buildId).resolve(name);
        if (!Files.isRegularFile(copy) || !ElfBuildId.read(copy).equals(Optional.of(buildId))) {
            return Optional.empty();
        }
        try {
            Files.setLastModifiedTime(copy.getParent(), FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot mark {0} used: {1}", copy, e.toString());
        }
        return Optional.of(copy);
    }

    /** Whether an index for {@code buildId} is being built by this server now. */
    public boolean building(String buildId) {
        CompletableFuture<Optional<Path>> future = building.get(buildId);
        return future != null && !future.isDone();
    }

    /**
     * Builds the index of {@code vmlinux} in the background unless there is one or a build is under way; the future
     * completes with the indexed copy, or empty when it cannot be built (the reason is logged).
     */
    public CompletableFuture<Optional<Path>> buildInBackground(Path vmlinux) {
        return buildInBackground(vmlinux, KERNEL);
    }

    /** Builds the index of a module file in the background, its copy named {@code name}: as for a vmlinux. */
    public CompletableFuture<Optional<Path>> buildInBackground(Path file, String name) {
        Optional<String> buildId = ElfBuildId.read(file);
        if (unavailable().isPresent() || buildId.isEmpty() || !NAME.matcher(name).matches()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Optional<Path> existing = find(buildId.get(), name);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing);
        }
        String id = buildId.get();
        CompletableFuture<Optional<Path>> started = building.computeIfAbsent(id,
                key -> CompletableFuture.supplyAsync(() -> build(file, name, key), builder));
        // not inside computeIfAbsent: a build that is already over would remove its entry there ("Recursive update")
        return started.whenComplete((built, failure) -> building.remove(id, started));
    }

    private Optional<Path> build(Path file, String name, String buildId) {
        Path root = settings.root();
        try {
            Files.createDirectories(root);
            try (FileChannel lockFile = FileChannel.open(root.resolve("." + buildId + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
                if (lock == null) {
                    LOG.log(Level.INFO, "another server process is building the symbol index of {0}", buildId);
                    return Optional.empty();
                }
                Optional<Path> existing = find(buildId, name);
                return existing.isPresent() ? existing : buildLocked(file, name, buildId, root);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot build the symbol index of " + file + " in " + root, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<Path> buildLocked(Path file, String name, String buildId, Path root)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path work = Files.createTempDirectory(root, ".build-" + buildId + "-");
        try {
            Path copy = work.resolve(name);
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
            copy.toFile().setWritable(true, true);
            // what gdb-add-index runs, then the section added without rewriting the copy (objcopy's 3.4 s here)
            FinishedProcess done = processes.run(ProcessSpec.command(settings.gdb().orElseThrow().toString(), "--batch",
                    "-nx", "-iex", "set auto-load no", "-iex", "set debuginfod enabled off", "-ex", "file " + name,
                    "-ex", "save gdb-index .").directory(work).outputLimit(1 << 20).build(),
                    Supervision.deadline(BUILD_LIMIT).killAtDeadline());
            Path index = work.resolve(name + ".gdb-index");
            if (!done.succeeded() || !Files.isRegularFile(index) || Files.size(index) == 0) {
                LOG.log(Level.WARNING, "gdb could not index a copy of {0} (exit {1}): {2}", file,
                        done.exitStatus().orElse(-1), done.text().strip());
                return Optional.empty();
            }
            ElfSectionAppender.append(copy, ".gdb_index", index);
            Files.delete(index);
            if (!ElfBuildId.read(copy).equals(Optional.of(buildId))) {
                LOG.log(Level.WARNING, "the indexed copy of {0} lost its build-id", file);
                return Optional.empty();
            }
            Path target = root.resolve(buildId);
            IndexEviction.delete(target); // a broken copy left by a killed build: find() did not accept it
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(name.equals(KERNEL) ? Level.INFO : Level.DEBUG, "symbol index of {0} (build-id {1}) built in {2} ms",
                    file, buildId, Duration.ofNanos(System.nanoTime() - started).toMillis());
            new IndexEviction(root, settings.maxBytes()).keep(target);
            return find(buildId, name);
        } finally {
            IndexEviction.delete(work);
        }
    }

    @Override
    public void close() {
        builder.shutdownNow();
    }
}
