package io.dynamicmcp.crash;

import static io.dynamicmcp.crash.RealDumpTest.assertError;
import static io.dynamicmcp.crash.RealDumpTest.crashChildren;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.testkit.HostedProvider;
import io.dynamicmcp.testkit.TestToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kdump's ssh-target layout on the zoo's real dumps: {@code 10.0.0.5-.../vmcore.flat} (QEMU's flattened file of the
 * null-deref panic) and {@code 10.0.0.6-.../vmcore-incomplete} (its first half), listed with their hosts and states,
 * the incomplete one refused with the reason, the flattened one opened by the real crash, directly and reassembled.
 */
class FleetDumpTest {

    private Path cache;
    private Path zoo;
    private Path state;
    private HostedProvider crash;

    @BeforeEach
    void locate() throws Exception {
        Optional<Path> root = TestDump.root();
        Assumptions.assumeTrue(root.isPresent(), TestDump.MISSING);
        Optional<Path> found = ZooDumps.zoo();
        Assumptions.assumeTrue(found.isPresent(), ZooDumps.MISSING);
        cache = root.get();
        zoo = found.get();
        state = Files.createTempDirectory("crash-fleet-test");
    }

    @AfterEach
    void closeEverything() {
        if (crash != null) {
            crash.close();
            assertEquals(List.of(), crashChildren(), "crash processes outlived close()");
        }
        if (state != null) {
            BadDumpTest.delete(state);
        }
    }

    private void open(Map<String, String> more) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                CrashSettings.BINARY, TestDump.crashBinary().orElseThrow().toString(),
                CrashSettings.DUMP_PATH, zoo.resolve("fleet").toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, cache.resolve("debug/usr/lib/debug").toString(),
                CrashSettings.KERNEL_PATH, cache.resolve("boot").toString(),
                CrashSettings.INTERRUPT_GRACE, "20"));
        settings.putAll(more);
        crash = HostedProvider.open(new CrashToolProvider(), settings, state);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSshTargetsDumpsNameTheirHostsAndTheHalfCopiedOneIsMarked() throws Exception {
        open(Map.of());
        Map<String, Object> listed = crash.callOk("list_crash_dumps", Map.of());
        List<Map<String, Object>> dumps = (List<Map<String, Object>>) listed.get("dumps");
        assertEquals(2, dumps.size(), dumps.toString());
        Map<String, Object> flat = dumps.stream().filter(d -> d.get("name").equals(ZooDumps.FLAT)).findFirst()
                .orElseThrow();
        Map<String, Object> cut = dumps.stream().filter(d -> d.get("name").equals(ZooDumps.INCOMPLETE)).findFirst()
                .orElseThrow();
        String release = Files.readString(zoo.resolve("RELEASE")).strip();
        assertEquals("10.0.0.5", flat.get("host"));
        assertEquals("folder", flat.get("host_source"));
        assertEquals("complete", flat.get("state"));
        assertEquals("makedumpfile_flattened", flat.get("format"));
        assertEquals(release, flat.get("kernel_release"));
        assertEquals(true, flat.get("debug_symbols_found"));
        assertEquals("2026-11-22-04:10:01", flat.get("folder_time"));
        assertEquals(List.of(), flat.get("pending"));
        assertEquals("10.0.0.6", cut.get("host"));
        assertEquals("incomplete", cut.get("state"));
        assertTrue(((String) cut.get("state_reason")).contains("kdump names a dump 'vmcore-incomplete' while it copies"),
                String.valueOf(cut.get("state_reason")));

        Map<String, Object> one = crash.callOk("list_crash_dumps", Map.of("host", "10.0.0.6"));
        assertEquals(1, ((List<?>) one.get("dumps")).size());
        assertEquals(1, one.get("total_matching"));

        ToolResult refused = call("start_crash_session", Map.of("dump_name", ZooDumps.INCOMPLETE));
        assertError(refused, "'" + ZooDumps.INCOMPLETE + "' is incomplete, so crash is not started on it: kdump names "
                + "a dump 'vmcore-incomplete' while it copies it");
        assertEquals(List.of(), crashChildren(), "crash was started on the incomplete dump");
    }

    @Test
    void crashOpensTheFlattenedFileAndSysShowsThePanic() throws Exception {
        open(Map.of());
        Map<String, Object> started = crash.callOk("start_crash_session", Map.of("dump_name", ZooDumps.FLAT));
        assertEquals(zoo.resolve("fleet").resolve(ZooDumps.FLAT).toString(), started.get("dump_path"));
        assertThePanicOfNullDeref();
        Map<String, Object> newest = crash.callOk("start_crash_session", Map.of());
        assertEquals(ZooDumps.FLAT, newest.get("dump"), "the newest openable dump is the complete one");
    }

    @Test
    void whereCrashShouldNotReadItTheFlattenedFileIsReassembledWithMakedumpfile() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/makedumpfile"))
                || Files.isExecutable(Path.of("/usr/bin/makedumpfile")), "makedumpfile is not installed");
        open(Map.of(CrashSettings.FLAT_DUMPS, "reassemble"));
        TestToolCall start = new TestToolCall("start_crash_session", Map.of("dump_name", ZooDumps.FLAT));
        Map<String, Object> started = crash.callOk(start);
        Path copy = Path.of((String) started.get("dump_path"));
        assertTrue(copy.startsWith(state.resolve("flat")), copy.toString());
        assertTrue(start.progressReports().stream().anyMatch(r -> r.contains("reassembling the flattened dump")),
                start.progressReports().toString());
        try (var in = Files.newInputStream(copy)) {
            assertEquals("KDUMP   ", new String(in.readNBytes(8), java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertThePanicOfNullDeref();
        TestToolCall again = new TestToolCall("start_crash_session", Map.of("dump_name", ZooDumps.FLAT));
        assertEquals(copy.toString(), crash.callOk(again).get("dump_path"));
        assertTrue(again.progressReports().stream().noneMatch(r -> r.contains("reassembling")), "reassembled twice");
    }

    private void assertThePanicOfNullDeref() {
        String sys = (String) crash.callOk("crash_command", Map.of("command", "sys")).get("output");
        assertTrue(sys.contains("PANIC: \"Oops: 0000 [#1] PREEMPT SMP NOPTI\"")
                || sys.contains("PANIC: \"Kernel panic - not syncing: Fatal exception\""), sys);
        String bt = (String) crash.callOk("crash_command", Map.of("command", "bt")).get("output");
        assertTrue(bt.contains("dmz_zoo_null_deref"), bt);
    }

    private ToolResult call(String name, Map<String, Object> arguments) {
        return call(new TestToolCall(name, new HashMap<>(arguments)));
    }

    private ToolResult call(TestToolCall call) {
        return crash.call(call);
    }
}
