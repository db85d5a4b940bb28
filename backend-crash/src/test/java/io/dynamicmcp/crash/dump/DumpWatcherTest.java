package io.dynamicmcp.crash.dump;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            watcher.close();
        }).stream().filter(line -> line.contains(watcherLog)).toList();
        assertTrue(logged.stream().anyMatch(line -> line.endsWith("probe")), "the watcher's log is not on stderr here");
        assertEquals(List.of(), logged.stream().filter(line -> !line.endsWith("probe")).toList(),
                "a missing dump folder was reported as a problem");
        assertFalse(Files.exists(missing), "the watcher created the dump folder");
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
