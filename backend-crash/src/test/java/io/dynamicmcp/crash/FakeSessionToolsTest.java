package io.dynamicmcp.crash;

import static io.dynamicmcp.crash.RealDumpTest.assertError;
import static io.dynamicmcp.crash.RealDumpTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.testkit.TestContext;
import io.dynamicmcp.testkit.TestToolCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session ownership, limits, idle close and caller end, through the tools, with the fake crash. */
class FakeSessionToolsTest {

    @TempDir
    Path root;

    private TestContext context;
    private ToolSet tools;

    @BeforeEach
    void open() throws Exception {
        open("3600");
    }

    private void open(String idleSeconds) throws Exception {
        if (tools != null) {
            close();
        }
        Path dumps = Files.createDirectories(root.resolve("dumps/127.0.0.1-2026-01-01-00:00:00"));
        Files.write(dumps.resolve("vmcore"), ("KDUMP   \0\0\0\0OSRELEASE=6.1.0-fake\nBUILD-ID=00112233445566778899\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dumps.resolve("vmcore-dmesg.txt"), "[0.0] Linux version 6.1.0-fake\n");
        Files.writeString(Files.createDirectories(root.resolve("debug/boot")).resolve("vmlinux-6.1.0-fake"), "not elf");
        context = new TestContext(Map.of(
                CrashSettings.DUMP_PATH, root.resolve("dumps").toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, root.resolve("debug").toString(),
                CrashSettings.KERNEL_PATH, root.resolve("boot").toString(),
                CrashSettings.MAX_SESSIONS, "2",
                CrashSettings.IDLE_TIMEOUT, idleSeconds,
                "CRASH_OUTPUT_STORE_BYTES", Integer.toString(1 << 20)), root.resolve("state"));
        tools = FakeCrashTools.open(context);
    }

    @AfterEach
    void close() {
        tools.close();
        context.close();
    }

    @Test
    void sessionsBelongToTheirCallerAndEndWithIt() throws Exception {
        String mine = (String) ok(call("start_crash_session", Map.of(), "alice")).get("session_id");
        assertEquals("fake: hello\n", ok(call("crash_command", Map.of("command", "help hello"), "alice")).get("output")
                .toString().replace("help ", ""));
        assertError(call("crash_command", Map.of("command", "sys", "session_id", mine), "bob"), "no crash session");
        assertError(call("crash_command", Map.of("command", "sys"), "bob"), "no crash session is open");
        assertError(call("close_crash_session", Map.of("session_id", mine), "bob"), "no crash session");
        tools.callerEnded("alice");
        assertError(call("crash_command", Map.of("command", "sys", "session_id", mine), "alice"), "the client disconnected");
    }

    @Test
    void theMaximumRejectsNewSessionsClearly() {
        ok(call("start_crash_session", Map.of(), "alice"));
        ok(call("start_crash_session", Map.of(), "bob"));
        assertError(call("start_crash_session", Map.of(), "carol"), "too many crash sessions");
    }

    @Test
    void idleSessionsClose() throws Exception {
        open("1");
        String id = (String) ok(call("start_crash_session", Map.of(), "alice")).get("session_id");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!openSessions("alice").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the idle session was never closed");
            Thread.sleep(100);
        }
        assertError(call("crash_command", Map.of("command", "sys", "session_id", id), "alice"), "CRASH_IDLE_TIMEOUT");
    }

    @Test
    void listingSkipsTextFilesAndReadsTheReleaseFromVmcoreinfo() {
        Map<String, Object> listed = ok(call("list_crash_dumps", Map.of(), "alice"));
        List<?> dumps = (List<?>) listed.get("dumps");
        assertEquals(1, dumps.size());
        Map<?, ?> dump = (Map<?, ?>) dumps.get(0);
        assertEquals("127.0.0.1-2026-01-01-00:00:00/vmcore", dump.get("name"));
        assertEquals("6.1.0-fake", dump.get("kernel_release"));
        assertEquals(true, dump.get("debug_symbols_found"));
        ToolResult info = call("get_crash_info", Map.of(), "alice");
        assertTrue(info.text().contains("crash utility"), info.text());
    }

    @Test
    @SuppressWarnings("unchecked")
    void triageReportsFailedStepsAsProblemsAndKeepsTheRest() {
        ToolResult result = call("crash_triage", Map.of("timeout", 1), "alice");
        Map<String, Object> triage = ok(result);
        OutputSchemaCheck.assertMatches(tools.tools().stream().filter(t -> t.name().equals("crash_triage")).findFirst()
                .orElseThrow(), triage);
        assertEquals(false, triage.get("reused_session"));
        assertEquals("Kernel panic - not syncing: fake", triage.get("panic"));
        assertEquals(7L, ((Number) ((Map<String, Object>) triage.get("task")).get("pid")).longValue());
        assertEquals(List.of(), triage.get("frames"));
        List<String> problems = (List<String>) triage.get("problems");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("bt showed no stack frames: bt: read error")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("'kmem -i' ran past 1 s")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("'mod -t' output not understood")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("taint unknown")), problems.toString());
        List<Map<String, Object>> commands = (List<Map<String, Object>>) triage.get("commands");
        assertEquals("timed_out", commands.get(commands.size() - 1).get("status"));
        assertEquals("unknown", ((Map<String, Object>) triage.get("taint")).get("source"));
        assertTrue(result.text().contains("Problems:") && result.text().contains("kmem -i"), result.text());
        assertTrue(ok(call("crash_command", Map.of("command", "sys"), "alice")).get("output").toString().contains("fake"),
                "the session is not usable after the triage");
        Map<String, Object> again = ok(call("crash_triage", Map.of("timeout", 1), "alice"));
        assertEquals(true, again.get("reused_session"));
        assertEquals(triage.get("session_id"), again.get("session_id"));
        assertError(call("crash_triage", Map.of("dump_name", "x", "session_id", "y"), "alice"), "not both");
    }

    private List<?> openSessions(String caller) {
        return (List<?>) ok(call("get_crash_info", Map.of(), caller)).get("sessions");
    }

    private ToolResult call(String name, Map<String, Object> arguments, String caller) {
        Tool tool = tools.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        try {
            return tool.handler().call(new TestToolCall(name, arguments, caller));
        } catch (ToolException e) {
            return ToolResult.error(e.getMessage());
        }
    }
}
