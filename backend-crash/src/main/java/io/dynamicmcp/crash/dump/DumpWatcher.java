package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
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
import java.util.EnumSet;
import java.lang.System.Logger.Level;

/**
 * Watches the dump root and its folders (as deep as {@link DumpLocator} looks, symlinked folders not followed) and
 * runs {@code changed} when a file or folder appears or goes there. One daemon thread that blocks on the
 * {@link WatchService}; {@link #close()} ends it. A dump root that does not exist when the watcher starts is not
 * watched (the tools still find dumps put there later).
 */
public final class DumpWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DumpWatcher.class.getName());

    private final Path root;
    private final Runnable changed;
    private final WatchService service;
    private final Thread thread;

    private DumpWatcher(Path root, Runnable changed, WatchService service) {
        this.root = root;
        this.changed = changed;
        this.service = service;
        this.thread = new Thread(this::run, "crash-dump-watcher");
        this.thread.setDaemon(true);
    }

    /** Registers {@code root} and its folders, then watches them on a daemon thread. */
    public static DumpWatcher start(Path root, Runnable changed) throws IOException {
        DumpWatcher watcher = new DumpWatcher(requireNonNull(root, "root is null"),
                requireNonNull(changed, "changed is null"), FileSystems.getDefault().newWatchService());
        watcher.register(root);
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    relevant = true;
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && key.watchable() instanceof Path folder) {
                        Path created = folder.resolve((Path) event.context());
                        if (Files.isDirectory(created) && depth(created) < DumpLocator.MAX_DEPTH) {
                            register(created);
                        }
                    }
                }
                key.reset();
                if (relevant) {
                    tell();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "watching " + root + " for new dumps stopped", e);
        }
    }

    private void tell() {
        try {
            changed.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "telling that dumps changed failed", e);
        }
    }

    /** Registers {@code folder} and the folders under it, down to the locator's depth. */
    private void register(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class),
                    DumpLocator.MAX_DEPTH - depth(folder), new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            try {
                                dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                                        StandardWatchEventKinds.ENTRY_DELETE);
                            } catch (NoSuchFileException gone) {
                                // removed while the tree was walked
                            } catch (IOException e) {
                                LOG.log(Level.WARNING, "cannot watch {0} for new dumps: {1}", dir, e.toString());
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
    }

    private int depth(Path folder) {
        return root.relativize(folder).getNameCount() - (folder.equals(root) ? 1 : 0);
    }

    /** Stops watching and ends the thread. Idempotent. */
    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the dump watcher: {0}", e.toString());
        }
    }
}
