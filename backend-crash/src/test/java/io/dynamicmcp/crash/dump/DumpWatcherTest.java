package io.dynamicmcp.crash.dump;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
            awaitStatus(watcher, "inotify on 3 folder(s)");
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
        String watcherLog = DumpWatcher.class.getName();
        List<String> logged = stderrDuring(() -> {
            System.getLogger(watcherLog).log(System.Logger.Level.WARNING, "probe");
            DumpWatcher watcher = assertDoesNotThrow(() -> DumpWatcher.start(missing, () -> { }),
                    "starting on a missing dump folder failed");
            assertDoesNotThrow(() -> awaitStatus(watcher, "polling"));
            watcher.close();
        }).stream().filter(line -> line.contains(watcherLog)).toList();
        assertTrue(logged.stream().anyMatch(line -> line.endsWith("probe")), "the watcher's log is not on stderr here");
        assertEquals(List.of(), logged.stream().filter(line -> !line.endsWith("probe")).toList(),
                "a missing dump folder was reported as a problem");
        assertFalse(Files.exists(missing), "the watcher created the dump folder");
    }

    @Test
    void whenInotifyRefusesMoreFoldersTheWatcherSaysSoAndPolls() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.createDirectories(root.resolve("10.0.0." + i + "-2026-11-22-04:10:01"));
        }
        int[] allowed = {3};
        Semaphore changes = new Semaphore(0);
        List<String> logged = new java.util.ArrayList<>();
        DumpWatcher[] started = new DumpWatcher[1];
        logged.addAll(stderrDuring(() -> {
            started[0] = DumpWatcher.start(root, changes::release, Duration.ofSeconds(1), Duration.ofSeconds(1),
                    (folder, service) -> {
                        if (allowed[0]-- <= 0) {
                            throw new IOException("User limit of inotify watches reached");
                        }
                        folder.register(service, StandardWatchEventKinds.ENTRY_CREATE);
                    });
            try {
                awaitStatus(started[0], "polling every 1 s: inotify refused to watch more than 3 folders");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        try (DumpWatcher watcher = started[0]) {
            assertTrue(watcher.status().contains("User limit of inotify watches reached"), watcher.status());
            assertTrue(watcher.status().contains("fs.inotify.max_user_watches="), watcher.status());
            assertEquals(1, logged.stream().filter(l -> l.contains("inotify refused")).count(), logged.toString());
            changes.drainPermits();
            Path dump = root.resolve("10.0.0.4-2026-11-22-04:10:01/vmcore");
            Files.writeString(dump, "x");
            Files.setLastModifiedTime(dump, FileTime.from(Instant.now().minusSeconds(60)));
            assertTrue(changes.tryAcquire(60, TimeUnit.SECONDS), "polling did not notice a new dump");
            Files.move(dump, dump.resolveSibling("vmcore-renamed"));
            assertTrue(changes.tryAcquire(60, TimeUnit.SECONDS), "polling did not notice a renamed dump");
        }
    }

    @Test
    void aDumpThatStopsGrowingIsToldOnceItSettles() throws Exception {
        Path folder = Files.createDirectories(root.resolve("10.0.0.5-2026-11-22-04:10:01"));
        Path dump = Files.writeString(folder.resolve("vmcore.flat"), "x");
        Semaphore changes = new Semaphore(0);
        try (DumpWatcher watcher = DumpWatcher.start(root, changes::release, Duration.ofSeconds(30),
                Duration.ofSeconds(1))) {
            awaitStatus(watcher, "inotify");
            Files.writeString(dump, "more", java.nio.file.StandardOpenOption.APPEND);
            assertTrue(changes.tryAcquire(60, TimeUnit.SECONDS), "the end of the writing was not told");
        }
    }

    private static void awaitStatus(DumpWatcher watcher, String start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!watcher.status().startsWith(start)) {
            assertTrue(System.nanoTime() < deadline, "status stayed " + watcher.status());
            Thread.sleep(10);
        }
    }

    /** The lines written to {@code System.err} (where the test's System.Logger writes) while {@code action} ran. */
    private static List<String> stderrDuring(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
