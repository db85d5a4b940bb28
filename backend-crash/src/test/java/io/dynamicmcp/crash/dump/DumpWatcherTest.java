package io.dynamicmcp.crash.dump;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpWatcherTest {

    @TempDir
    Path root;

    private static boolean watcherThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("crash-dump-watcher") && t.isAlive());
    }

    @Test
    void foldersAndFilesThatAppearOrGoAreNoticedDownTheTree() throws Exception {
        Path existing = Files.createDirectories(root.resolve("a/b"));
        Semaphore changes = new Semaphore(0);
        try (DumpWatcher watcher = DumpWatcher.start(root, changes::release)) {
            Files.writeString(existing.resolve("vmcore"), "x");
            assertTrue(changes.tryAcquire(60, TimeUnit.SECONDS), "a file in an existing sub-folder was not noticed");

            Path created = Files.createDirectories(root.resolve("202601010000"));
            assertTrue(changes.tryAcquire(60, TimeUnit.SECONDS), "a new folder was not noticed");
            Files.delete(existing.resolve("vmcore"));
            assertTrue(changes.tryAcquire(60, TimeUnit.SECONDS), "a file that went was not noticed");
            assertTrue(Files.isDirectory(created));
        }
    }

    @Test
    void closingEndsTheThread() throws Exception {
        DumpWatcher watcher = DumpWatcher.start(root, () -> { });
        watcher.close();
        watcher.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (watcherThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(watcherThreadAlive(), "the watcher thread outlived close()");
    }

    @Test
    void aMissingRootIsNotAnError() {
        Path missing = root.resolve("missing");
        Logger log = Logger.getLogger(DumpWatcher.class.getName());
        Warnings warnings = new Warnings();
        log.addHandler(warnings);
        try {
            System.getLogger(DumpWatcher.class.getName()).log(System.Logger.Level.WARNING, "probe");
            assertEquals(List.of("probe"), warnings.messages, "the watcher's warnings do not reach java.util.logging");
            warnings.messages.clear();
            DumpWatcher watcher = assertDoesNotThrow(() -> DumpWatcher.start(missing, () -> { }),
                    "starting on a missing dump folder failed");
            watcher.close();
        } finally {
            log.removeHandler(warnings);
        }
        assertEquals(List.of(), warnings.messages, "a missing dump folder was reported as a problem");
        assertFalse(Files.exists(missing), "the watcher created the dump folder");
    }

    /** The messages logged at WARNING or above (the watcher's System.Logger goes to java.util.logging). */
    private static final class Warnings extends Handler {

        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
