package io.dynamicmcp.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.index.IndexSettings;
import io.dynamicmcp.testkit.HostedProvider;
import io.dynamicmcp.testkit.TestToolCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening the real dump: progress names the phases, a second open by the same caller returns the open session, another
 * caller gets its own, and once the symbol index of the kernel is built (in the background, after the first open) a
 * new session reads its symbols through it.
 */
class SessionOpeningTest {

    private static final String DUMP = "127.0.0.1-2026-11-22-04:10:01/vmcore";

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void phasesReuseAndTheSymbolIndex() throws Exception {
        Optional<Path> root = TestDump.root();
        Assumptions.assumeTrue(root.isPresent(), TestDump.MISSING);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gdb")),
                "SKIPPED: the symbol index needs gdb (apt install gdb)");
        Path cache = root.get();
        Path index = dir.resolve("symbol-index");
        Map<String, String> settings = new HashMap<>(Map.of(
                CrashSettings.BINARY, TestDump.crashBinary().orElseThrow().toString(),
                CrashSettings.DUMP_PATH, cache.resolve("crash").toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, cache.resolve("debug").toString(),
                CrashSettings.KERNEL_PATH, cache.resolve("boot").toString(),
                IndexSettings.ROOT, index.toString()));
        try (HostedProvider crash = HostedProvider.open(new CrashToolProvider(), settings, dir.resolve("state"))) {
            TestToolCall first = new TestToolCall("start_crash_session", Map.of("dump_name", DUMP));
            Map<String, Object> opened = crash.callOk(first);
            assertEquals(false, opened.get("reused"));
            assertTrue(((String) opened.get("symbol_index")).startsWith("none yet"), opened.toString());
            List<String> phases = first.progressReports().stream().map(r -> r.substring(r.indexOf(" ") + 1).split(":")[0]).distinct().toList();
            assertEquals(List.of("index", "symbols", "dump", "tasks", "modules"), phases, first.progressReports().toString());

            Map<String, Object> again = crash.callOk("start_crash_session", Map.of("dump_name", DUMP));
            assertEquals(true, again.get("reused"));
            assertEquals(opened.get("session_id"), again.get("session_id"));
            Map<String, Object> theirs = crash.callOk(new TestToolCall("start_crash_session", Map.of("dump_name", DUMP),
                    "another-caller"));
            assertEquals(false, theirs.get("reused"), "another caller gets its own session");
            assertNotEquals(opened.get("session_id"), theirs.get("session_id"));

            Path built = awaitIndex(index);
            List<Map<String, Object>> loaded = ((List<Map<String, Object>>) opened.get("module_symbols")).stream()
                    .filter(m -> "loaded".equals(m.get("status"))).toList();
            assertFalse(loaded.isEmpty(), "the -dbg modules under DEBUG_SYMBOL_PATH: " + opened.get("module_symbols"));
            awaitModuleCopies(index, loaded.size());
            Process readelf = new ProcessBuilder("readelf", "-S", "-W", built.toString()).redirectErrorStream(true).start();
            String sections = new String(readelf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(sections.contains(" .gdb_index "), "binutils find no index in the copy: " + sections);
            Map<String, Object> indexed = crash.callOk("start_crash_session", Map.of("dump_name", DUMP, "new_session", true));
            assertEquals(false, indexed.get("reused"));
            assertEquals("used: " + built, indexed.get("symbol_index"));
            assertEquals(opened.get("vmlinux"), indexed.get("vmlinux"), "the session names the matched vmlinux");
            assertEquals(opened.get("panic"), indexed.get("panic"));
            for (Map<String, Object> module : (List<Map<String, Object>>) indexed.get("module_symbols")) {
                assertTrue(((String) module.get("detail")).contains("loaded from its indexed copy " + index), module.toString());
            }
            // the indexed copy's DWARF answers: a source line (not bt: crash 8.0.6 stops at panic() on some boots)
            Map<String, Object> sym = crash.callOk("crash_command", Map.of("command", "sym sysrq_handle_crash",
                    "session_id", indexed.get("session_id")));
            assertTrue(((String) sym.get("output")).matches("(?s).*sysrq_handle_crash \\S*drivers/tty/sysrq\\.c: \\d+.*"),
                    sym.toString());
        }
    }

    /** Waits (bounded, not timed) for the background builds to leave indexed copies of {@code count} module files. */
    private static void awaitModuleCopies(Path index, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> entries = Files.list(index)) {
                long copies = entries.filter(p -> !p.getFileName().toString().startsWith(".")).filter(p -> {
                    try (Stream<Path> files = Files.list(p)) {
                        return files.anyMatch(f -> f.getFileName().toString().contains(".ko"));
                    } catch (IOException e) {
                        return false;
                    }
                }).count();
                if (copies >= count) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no indexed copies of the " + count + " module files were built in " + index);
    }

    /** Waits (bounded, not timed) for the background build to leave one indexed copy. */
    private static Path awaitIndex(Path index) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(index)) {
                try (Stream<Path> entries = Files.list(index)) {
                    Optional<Path> copy = entries.filter(p -> !p.getFileName().toString().startsWith("."))
                            .map(p -> p.resolve("vmlinux")).filter(Files::isRegularFile).findFirst();
                    if (copy.isPresent()) {
                        return copy.get();
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no symbol index was built in " + index);
    }
}
