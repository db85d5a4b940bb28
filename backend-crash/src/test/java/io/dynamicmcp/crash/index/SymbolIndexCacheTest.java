package io.dynamicmcp.crash.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.core.process.HostProcesses;
import io.dynamicmcp.crash.dump.ElfBuildId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache's mechanics on small real ELF files with build-ids (/usr/bin/true and /usr/bin/false stand in for
 * vmlinux files) and a stand-in gdb, which writes its "index" where the real one would; the real gdb on the real
 * vmlinux is tested with the real dump.
 */
class SymbolIndexCacheTest {

    private static final Path TRUE = Path.of("/usr/bin/true");
    private static final Path FALSE = Path.of("/usr/bin/false");
    private static final String INDEXES = "printf index > vmlinux.gdb-index";
    /** Writes the index of the file gdb was told to read ({@code -ex "file NAME"}), as gdb does. */
    private static final String INDEXES_NAMED = "for a; do case $a in 'file '*) n=${a#file };; esac; done; "
            + "printf index > \"$n.gdb-index\"";

    @TempDir
    Path dir;

    private final HostProcesses processes = new HostProcesses("test");

    @AfterEach
    void close() {
        assertEquals(List.of(), processes.children(), "gdb outlived its build");
        processes.close();
    }

    private SymbolIndexCache cache(String gdbScript, long maxBytes) throws Exception {
        Path script = dir.resolve("gdb");
        Files.writeString(script, "#!/bin/sh\n" + gdbScript + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new SymbolIndexCache(new IndexSettings(true, dir.resolve("cache"), maxBytes, Optional.of(script)), processes);
    }

    private static String buildId(Path elf) {
        return ElfBuildId.read(elf).orElseThrow(() -> new AssertionError(elf + " has no build-id"));
    }

    @Test
    void aBuiltIndexIsFoundByBuildIdAndChecked() throws Exception {
        try (SymbolIndexCache cache = cache(INDEXES, Long.MAX_VALUE)) {
            assertEquals(Optional.empty(), cache.find(buildId(TRUE)));
            Path copy = cache.buildInBackground(TRUE).get(1, TimeUnit.MINUTES).orElseThrow();
            assertEquals(dir.resolve("cache").resolve(buildId(TRUE)).resolve("vmlinux"), copy);
            assertEquals(Optional.of(copy), cache.find(buildId(TRUE)));
            Files.write(copy, new byte[] {1, 2, 3});
            assertEquals(Optional.empty(), cache.find(buildId(TRUE)), "a copy whose build-id does not match is not used");
            assertEquals(Optional.of(copy), cache.buildInBackground(TRUE).get(1, TimeUnit.MINUTES), "and is rebuilt");
            assertNoBuildFoldersLeft();
        }
    }

    @Test
    void aModuleFileIsIndexedUnderItsOwnName() throws Exception {
        try (SymbolIndexCache cache = cache(INDEXES_NAMED, Long.MAX_VALUE)) {
            Path copy = cache.buildInBackground(TRUE, "true.ko").get(1, TimeUnit.MINUTES).orElseThrow();
            assertEquals(dir.resolve("cache").resolve(buildId(TRUE)).resolve("true.ko"), copy);
            assertEquals(Optional.of(copy), cache.find(buildId(TRUE), "true.ko"));
            assertEquals(Optional.empty(), cache.find(buildId(TRUE)), "not taken for a kernel");
            assertEquals(Optional.empty(), cache.find(buildId(TRUE), "../true.ko"), "a name is a file's name");
            assertEquals(Optional.empty(), cache.buildInBackground(FALSE, "../false.ko").get(1, TimeUnit.MINUTES));
            assertNoBuildFoldersLeft();
        }
    }

    @Test
    void aFailedBuildLeavesNothingBehind() throws Exception {
        try (SymbolIndexCache cache = cache("echo 'gdb: cannot read' >&2; exit 1", Long.MAX_VALUE)) {
            assertEquals(Optional.empty(), cache.buildInBackground(TRUE).get(1, TimeUnit.MINUTES));
            assertEquals(Optional.empty(), cache.find(buildId(TRUE)));
            assertNoBuildFoldersLeft();
        }
    }

    @Test
    void gdbWritingNoIndexBuildsNothing() throws Exception {
        try (SymbolIndexCache cache = cache("echo 'no debugging symbols found'", Long.MAX_VALUE)) {
            assertEquals(Optional.empty(), cache.buildInBackground(TRUE).get(1, TimeUnit.MINUTES));
            assertEquals(Optional.empty(), cache.find(buildId(TRUE)));
            assertNoBuildFoldersLeft();
        }
    }

    @Test
    void theLeastRecentlyUsedIndexGoesPastTheSizeLimit() throws Exception {
        long one = Files.size(TRUE);
        try (SymbolIndexCache cache = cache(INDEXES, one + one / 2)) {
            cache.buildInBackground(TRUE).get(1, TimeUnit.MINUTES).orElseThrow();
            cache.buildInBackground(FALSE).get(1, TimeUnit.MINUTES).orElseThrow();
            assertEquals(Optional.empty(), cache.find(buildId(TRUE)), "the older index was evicted");
            assertTrue(cache.find(buildId(FALSE)).isPresent(), "the newest is kept");
        }
    }

    @Test
    void anotherProcessBuildingTheSameKernelIsLeftAlone() throws Exception {
        Path lock = Files.createDirectories(dir.resolve("cache")).resolve("." + buildId(TRUE) + ".lock");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                lock.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()))
                    .readLine(), "the other process took the lock");
            try (SymbolIndexCache cache = cache("true", Long.MAX_VALUE)) {
                assertEquals(Optional.empty(), cache.buildInBackground(TRUE).get(1, TimeUnit.MINUTES));
            }
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void turnedOffOrWithoutGdbItSaysWhy() throws Exception {
        SymbolIndexCache off = new SymbolIndexCache(new IndexSettings(false, dir, 1, Optional.empty()), processes);
        assertTrue(off.unavailable().orElseThrow().contains(IndexSettings.ENABLED));
        SymbolIndexCache missing = new SymbolIndexCache(new IndexSettings(true, dir, 1, Optional.empty()), processes);
        assertTrue(missing.unavailable().orElseThrow().contains("apt install gdb"));
        assertFalse(missing.buildInBackground(TRUE).get().isPresent());
        off.close();
        missing.close();
    }

    private void assertNoBuildFoldersLeft() throws Exception {
        try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
            assertEquals(List.of(), entries.filter(p -> p.getFileName().toString().startsWith(".build")).toList());
        }
    }
}
