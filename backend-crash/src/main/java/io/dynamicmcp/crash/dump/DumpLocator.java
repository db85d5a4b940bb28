package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Finds the dumps under the dump root ({@link DumpTree}) and describes them. What a listing shows without reading a
 * dump (name, size, time, host and time from the folder, whether it is complete by its name and age) costs nothing per
 * dump; what needs its bytes (format, kernel release and build-id, host name from its header, whether it is whole) is
 * read only for the dumps a call shows, within the call's {@link ReadBudget}, and otherwise on a few background
 * threads; {@code crash --osrelease} runs only for dumps whose bytes name no release. What was read is kept by dump
 * identity ({@link DumpIdentity}), so a dump is read once until it changes; the vmlinux is matched on every
 * description ({@link KernelMatcher} remembers its answers while the candidate files stay the same), so debug symbols
 * installed later are found. Thread-safe.
 */
public final class DumpLocator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DumpLocator.class.getName());
    /** Background threads reading dumps: each reads a few kilobytes, or runs one crash --osrelease. */
    static final int READERS = 2;
    /** Dumps remembered by identity. */
    public static final int REMEMBERED = 50_000;
    private static final int QUEUED = 10_000;

    private final DumpTree tree;
    private final DumpInspector inspector;
    private final ReleaseReader releases;
    private final KernelMatcher kernels;
    private final Duration settle;
    private final boolean remember;
    private final ContentsCache cache;
    private final Set<DumpIdentity> queued = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor readers;

    /**
     * @param settle how long a dump must stay unmodified to count as completely written
     * @param remember whether what is read is kept by dump identity (and the tree's walk kept until it changes); off,
     *     every call reads what it shows, in the call
     */
    public DumpLocator(DumpTree tree, DumpInspector inspector, ReleaseReader releases, KernelMatcher kernels,
            Duration settle, boolean remember) {
        this.tree = requireNonNull(tree, "tree is null");
        this.inspector = requireNonNull(inspector, "inspector is null");
        this.releases = requireNonNull(releases, "releases is null");
        this.kernels = requireNonNull(kernels, "kernels is null");
        this.settle = requireNonNull(settle, "settle is null");
        this.remember = remember;
        this.cache = new ContentsCache(remember ? REMEMBERED : 0);
        this.readers = new ThreadPoolExecutor(READERS, READERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUED), runnable -> {
                    Thread thread = new Thread(runnable, "crash-dump-reader");
                    thread.setDaemon(true);
                    return thread;
                }, (task, executor) -> ((Reading) task).dropped());
        this.readers.allowCoreThreadTimeOut(true);
    }

    public DumpNames names() {
        return tree.names();
    }

    public Duration settle() {
        return settle;
    }

    /** Every dump file, newest first, read from no dump. */
    public List<DumpEntry> entries() {
        return tree.entries();
    }

    /** The tree changed (a file or folder appeared or went): the next listing walks it again. */
    public void treeChanged() {
        tree.invalidate();
    }

    /** Everything about the file at {@code file} under the root, read now if not known; empty if it vanished. */
    public Optional<DumpFile> describe(Path file) {
        return DumpIdentity.read(file).map(identity -> {
            String name = names().nameOf(file);
            return describe(new DumpEntry(name, new DumpIdentity(file, identity.size(), identity.modified()),
                    DumpLayout.of(name)), ReadBudget.unlimited());
        });
    }

    /**
     * {@code entry} described: what is known about it, what its bytes say if {@code budget} leaves time to read them,
     * and the rest named in {@link DumpFile#pending()} and read in the background (in the call when nothing is
     * remembered).
     */
    public DumpFile describe(DumpEntry entry, ReadBudget budget) {
        Path path = entry.path();
        DumpCondition condition = entry.condition(Instant.now(), settle);
        if (!Files.isReadable(path)) {
            return file(entry, Optional.of(unreadable(path)), DumpContents.UNREADABLE, condition, List.of());
        }
        Optional<ContentsCache.Known> known = cache.get(entry.identity());
        if (known.isEmpty() && (budget.left() || !remember)) {
            try {
                known = Optional.of(read(entry.identity(), budget.left() || !remember));
            } catch (IOException e) {
                return file(entry, Optional.of(unreadable(path) + " (" + e.getMessage() + ")"), DumpContents.UNREADABLE,
                        condition, List.of());
            }
        }
        if (known.isEmpty()) {
            inBackground(entry.identity());
            return file(entry, Optional.empty(), DumpContents.UNREADABLE, condition, DumpFile.READ_FIELDS);
        }
        DumpContents contents = known.get().contents();
        List<String> pending = List.of();
        if (contents.kernel().release().isEmpty() && contents.format().isDump() && !known.get().crashAsked()
                && releases.canAskCrash()) {
            inBackground(entry.identity());
            pending = DumpFile.RELEASE_FIELDS;
        }
        return file(entry, Optional.empty(), contents, condition.with(contents.damage()), pending);
    }

    /** The newest dump crash may open (readable, a dump, complete), reading as few dumps as it takes. */
    public Optional<DumpFile> newestOpenable() {
        Instant now = Instant.now();
        for (DumpEntry entry : entries()) {
            if (!entry.condition(now, settle).complete()) {
                continue;
            }
            DumpFile dump = describe(entry, ReadBudget.unlimited());
            if (dump.openable()) {
                return Optional.of(dump);
            }
        }
        return Optional.empty();
    }

    /** How many dumps' contents are remembered (tests: what a listing read). */
    int remembered() {
        return cache.size();
    }

    /** Stops the background readers. Idempotent. */
    @Override
    public void close() {
        readers.shutdownNow();
    }

    private DumpFile file(DumpEntry entry, Optional<String> unreadable, DumpContents contents, DumpCondition condition,
            List<String> pending) {
        Optional<Path> vmlinux = contents.kernel().release().isPresent()
                ? kernels.find(contents.kernel(), entry.path()).vmlinux()
                : Optional.empty();
        return new DumpFile(entry.name(), entry.path(), entry.size(), entry.modified(), unreadable, contents.format(),
                contents.kernel(), vmlinux, DumpHost.of(entry.layout(), contents.nodeName()), condition,
                entry.layout().folderTime(), pending);
    }

    /** Reads the dump's bytes, and asks crash for the release they do not name when {@code askCrash}. */
    private ContentsCache.Known read(DumpIdentity identity, boolean askCrash) throws IOException {
        DumpContents contents = inspector.read(identity.path());
        boolean asked = false;
        if (askCrash && contents.kernel().release().isEmpty() && contents.format().isDump()
                && releases.canAskCrash()) {
            Optional<String> release = releases.fromCrash(identity.path());
            if (release.isPresent()) {
                contents = contents.withRelease(release.get());
            }
            asked = true;
        }
        ContentsCache.Known known = new ContentsCache.Known(contents, asked);
        cache.put(identity, known);
        return known;
    }

    private void inBackground(DumpIdentity identity) {
        if (remember && !readers.isShutdown() && queued.add(identity)) {
            readers.execute(new Reading(identity));
        }
    }

    /** One dump read in the background; dropped (and forgotten as queued) when the queue is full. */
    private final class Reading implements Runnable {

        private final DumpIdentity identity;

        Reading(DumpIdentity identity) {
            this.identity = identity;
        }

        @Override
        public void run() {
            try {
                Optional<ContentsCache.Known> known = cache.get(identity);
                if (known.isEmpty() || !known.get().crashAsked()) {
                    read(identity, true);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "reading {0} in the background: {1}", identity.path(), e.toString());
            } finally {
                queued.remove(identity);
            }
        }

        void dropped() {
            queued.remove(identity);
        }
    }

    private static String unreadable(Path file) {
        return "the server cannot read " + file.getFileName() + " (run the server as a user that can read the dump, "
                + "e.g. root, or give its group read access: docs/operations.md)";
    }
}
