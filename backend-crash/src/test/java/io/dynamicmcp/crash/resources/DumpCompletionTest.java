package io.dynamicmcp.crash.resources;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.CrashSettings;
import io.dynamicmcp.crash.FakeCrashTools;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.testkit.HostedProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients are told when a dump completes: kdump's ssh target renames {@code vmcore-incomplete} once its copy is
 * complete, and a dump written in place stops changing. The dump resources then list it as it now is.
 */
class DumpCompletionTest {

    private static final byte[] DUMP = "KDUMP   \0\0\0\0OSRELEASE=6.1.0-fake\n".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path root;

    private Path dumps;
    private HostedProvider crash;

    @BeforeEach
    void open() throws Exception {
        dumps = Files.createDirectories(root.resolve("fleet"));
        crash = FakeCrashTools.host(Map.of(
                CrashSettings.DUMP_PATH, dumps.toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, root.resolve("debug").toString(),
                CrashSettings.KERNEL_PATH, root.resolve("boot").toString(),
                CrashSettings.DUMP_SETTLE, "2"), root.resolve("state"));
    }

    @AfterEach
    void close() {
        crash.close();
    }

    private List<ResourceSource.Resource> listed() {
        ResourceSource dumpsSource = crash.set().resources().stream().filter(s -> s.name().equals("crash_dump")).findFirst()
                .orElseThrow();
        return dumpsSource.lister().list();
    }

    private void awaitListed(String uri, String titleEnd) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (listed().stream().noneMatch(r -> r.uri().equals(uri) && r.title().endsWith(titleEnd))) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
            assertTrue(crash.context().awaitResourcesChanged(left), "never listed " + uri + " as '" + titleEnd + "': " + listed());
        }
    }

    @Test
    void theSshTargetsRenameOfACompleteCopyIsAnnounced() throws Exception {
        Path folder = Files.createDirectories(dumps.resolve("10.0.0.5-2026-11-22-04:10:01"));
        Path copying = Files.write(folder.resolve("vmcore-incomplete"), DUMP);
        awaitListed("crash-dump:///10.0.0.5-2026-11-22-04:10:01/vmcore-incomplete", "from 10.0.0.5 (being written)");
        Files.setLastModifiedTime(copying, FileTime.from(Instant.now().minusSeconds(3600)));
        crash.context().forgetResourceChanges();
        Files.move(copying, folder.resolve("vmcore.flat"));
        assertTrue(crash.context().awaitResourcesChanged(60), "the rename of the complete copy was not announced");
        awaitListed("crash-dump:///10.0.0.5-2026-11-22-04:10:01/vmcore.flat", "from 10.0.0.5");
        assertTrue(listed().stream().noneMatch(r -> r.uri().endsWith("vmcore-incomplete")), listed().toString());
    }

    @Test
    void aDumpThatStopsGrowingIsAnnouncedComplete() throws Exception {
        Path folder = Files.createDirectories(dumps.resolve("10.0.0.6-2026-11-22-05:00:00"));
        Path dump = Files.write(folder.resolve("vmcore"), DUMP);
        awaitListed("crash-dump:///10.0.0.6-2026-11-22-05:00:00/vmcore", "(being written)");
        Files.write(dump, new byte[4096], StandardOpenOption.APPEND);
        crash.context().forgetResourceChanges();
        awaitListed("crash-dump:///10.0.0.6-2026-11-22-05:00:00/vmcore", "from 10.0.0.6");
    }
}
