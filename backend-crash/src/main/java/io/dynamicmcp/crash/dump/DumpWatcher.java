package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

/**
 * Watches the dump root and its folders (as deep as {@link DumpTree} looks, symlinked folders not followed) and runs
 * {@code changed} when a file or folder appears or goes there, and once more when a dump that was being written has
 * stopped changing for the settle time (so a listing's "being written" becomes "complete"). One daemon thread, which
 * also registers the folders, so start-up does not wait for a large tree.
 *
 * <p>When inotify refuses (the per-user limits {@code fs.inotify.max_user_watches} or {@code max_user_instances}
 * reached: a fleet's tree has a folder per dump), the watcher says so once in the log and in {@link #status()}, gives
 * its watches back, and polls instead: every poll interval it walks the tree's names, sizes and times (no dump is
 * read) and runs {@code changed} when they differ. A dump root that does not exist when the watcher starts is polled
 * too, quietly, so dumps put there later are noticed. {@link #close()} ends the thread.
 */
public final class DumpWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DumpWatcher.class.getName());
    private static final Path MAX_USER_WATCHES = Path.of("/proc/sys/fs/inotify/max_user_watches");

    /** Registers one folder with the watch service (a seam for tests: the kernel's limits are the machine's). */
    @FunctionalInterface
    interface Registrar {
        void register(Path folder, WatchService service) throws IOException;
    }

    private final Path root;
    private final Runnable changed;
    private final Duration pollInterval;
    private final Duration settle;
    private final Registrar registrar;
    private final Thread thread;
    private volatile WatchService service;
    private volatile boolean closed;
    private volatile String status = "starting";
    private int watched;
    private int refused;

    private DumpWatcher(Path root, Runnable changed, Duration pollInterval, Duration settle, Registrar registrar) {
        this.root = requireNonNull(root, "root is null");
        this.changed = requireNonNull(changed, "changed is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.settle = requireNonNull(settle, "settle is null");
        this.registrar = requireNonNull(registrar, "registrar is null");
        this.thread = new Thread(this::run, "crash-dump-watcher");
        this.thread.setDaemon(true);
    }

    /** Watches with inotify, polling when it cannot (30 s), and tells of a dump's end 10 s after its last change. */
    public static DumpWatcher start(Path root, Runnable changed) {
        return start(root, changed, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /**
     * @param pollInterval how often the tree is walked when inotify cannot watch it
     * @param settle how long a dump must stay unchanged to count as written
     */
    public static DumpWatcher start(Path root, Runnable changed, Duration pollInterval, Duration settle) {
        return start(root, changed, pollInterval, settle, (folder, service) -> folder.register(service,
                StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY));
    }

    static DumpWatcher start(Path root, Runnable changed, Duration pollInterval, Duration settle, Registrar registrar) {
        DumpWatcher watcher = new DumpWatcher(root, changed, pollInterval, settle, registrar);
        watcher.thread.start();
        return watcher;
    }

    /** How the tree is being watched, and why when it is polled. */
    public String status() {
        return status;
    }

    private void run() {
        try {
            if (!Files.isDirectory(root)) {
                poll("the dump folder does not exist (yet); it is checked every " + pollInterval.toSeconds() + " s");
                return;
            }
            try {
                service = FileSystems.getDefault().newWatchService();
            } catch (IOException e) {
                poll(fallBack("inotify cannot be used: " + e.getMessage() + " (fs.inotify.max_user_instances)"));
                return;
            }
            String refusal = register(root);
            if (refusal != null) {
                poll(fallBack(refusal));
                return;
            }
            status = "inotify on " + watched + " folder(s)" + (refused > 0 ? ", " + refused + " unreadable" : "");
            tell(); // what appeared while the folders were being registered made no event
            watch();
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "watching " + root + " for new dumps stopped", e);
        }
    }

    private void watch() throws InterruptedException {
        // a dump that grew while the folders were being registered made no event either: tell once it has settled
        long settleAt = System.nanoTime() + settle.toNanos() + TimeUnit.SECONDS.toNanos(1);
        boolean settling = true;
        while (!closed) {
            long wait = settling ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(settleAt - System.nanoTime())) : 60_000;
            WatchKey key = service.poll(wait, TimeUnit.MILLISECONDS);
            boolean relevant = false;
            if (key != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        relevant = true;
                        continue;
                    }
                    if (!(key.watchable() instanceof Path folder)) {
                        continue;
                    }
                    Path file = folder.resolve((Path) event.context());
                    if (event.kind() == StandardWatchEventKinds.ENTRY_MODIFY) {
                        if (DumpTree.looksLikeDump(file)) {
                            settling = true;
                            settleAt = System.nanoTime() + settle.toNanos() + TimeUnit.SECONDS.toNanos(1);
                        }
                        continue;
                    }
                    relevant = true;
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(file)
                            && depth(file) < DumpTree.MAX_DEPTH) {
                        String refusal = register(file);
                        if (refusal != null) {
                            tell();
                            poll(fallBack(refusal));
                            return;
                        }
                    }
                }
                key.reset();
            }
            if (settling && System.nanoTime() - settleAt >= 0) {
                settling = false;
                relevant = true;
            }
            if (relevant) {
                tell();
            }
        }
    }

    /** Says once why the tree is polled, gives inotify's watches back, and returns the status. */
    private String fallBack(String why) {
        String text = why + "; polling the dump folder every " + pollInterval.toSeconds() + " s instead "
                + "(CRASH_DUMP_POLL_INTERVAL). To watch it again, raise the limit, e.g. sysctl "
                + "fs.inotify.max_user_watches=" + Math.max(524288, 4L * watched) + " (in /etc/sysctl.d/ to keep it), "
                + "and restart the server";
        LOG.log(Level.WARNING, "{0}: {1}", root, text);
        closeService();
        return text;
    }

    /** Walks the tree every poll interval and tells when its dumps' names, sizes or times, or settledness, differ. */
    private void poll(String why) throws InterruptedException {
        // the first walk before the status says "polling": a dump made once the status says so is a change to it;
        // one made while the watcher was switching over made no event, so the listing is told to look again once
        long last = fingerprint();
        tell();
        status = "polling every " + pollInterval.toSeconds() + " s: " + why;
        while (!closed) {
            Thread.sleep(pollInterval.toMillis());
            long now = fingerprint();
            if (now != last) {
                last = now;
                tell();
            }
        }
    }

    /** A hash of every dump file's name, size, modification time and whether it is still settling. */
    private long fingerprint() {
        long[] hash = {1125899906842597L};
        Instant now = Instant.now();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), DumpTree.MAX_DEPTH,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            if (DumpTree.looksLikeDump(file)) {
                                Instant modified = attributes.lastModifiedTime().toInstant();
                                long h = file.hashCode() * 31L + Long.hashCode(attributes.size());
                                h = h * 31 + modified.hashCode();
                                h = h * 31 + (Duration.between(modified, now).compareTo(settle) < 0 ? 1 : 0);
                                hash[0] += mix(h);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            return hash[0] ^ 1;
        }
        return hash[0];
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    private void tell() {
        try {
            changed.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "telling that dumps changed failed", e);
        }
    }

    /**
     * Registers {@code folder} and the folders under it, down to the tree's depth.
     *
     * @return why inotify refused to watch more folders, or null
     */
    private String register(Path folder) {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        String[] refusal = {null};
        try {
            Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class),
                    DumpTree.MAX_DEPTH - depth(folder), new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            try {
                                registrar.register(dir, service);
                                watched++;
                            } catch (NoSuchFileException gone) {
                                // removed while the tree was walked
                            } catch (IOException e) {
                                if (String.valueOf(e.getMessage()).contains("limit")) {
                                    refusal[0] = "inotify refused to watch more than " + watched + " folders of the "
                                            + "dump tree (" + e.getMessage() + "; fs.inotify.max_user_watches is "
                                            + maxUserWatches() + ", shared by every program of this user)";
                                    return FileVisitResult.TERMINATE;
                                }
                                if (refused++ == 0) {
                                    LOG.log(Level.WARNING, "cannot watch {0} for new dumps: {1} (further folders that "
                                            + "cannot be watched are counted in get_crash_info)", dir, e.toString());
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch {0} for new dumps: {1}", folder, e.toString());
        }
        return refusal[0];
    }

    private static String maxUserWatches() {
        try {
            return Files.readString(MAX_USER_WATCHES).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private int depth(Path folder) {
        return root.relativize(folder).getNameCount() - (folder.equals(root) ? 1 : 0);
    }

    private void closeService() {
        WatchService open = service;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the dump watcher: {0}", e.toString());
            }
        }
    }

    /** Stops watching and ends the thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeService();
        thread.interrupt();
    }
}
