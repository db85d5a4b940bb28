package io.dynamicmcp.crash;

import static io.dynamicmcp.crash.RealDumpTest.assertError;
import static io.dynamicmcp.crash.RealDumpTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.testkit.HostedProvider;
import io.dynamicmcp.testkit.TestToolCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session ownership, limits, idle close and caller end, through the tools, with the fake crash. */
class FakeSessionToolsTest {

    @TempDir
    Path root;

    private HostedProvider crash;

    @BeforeEach
    void open() throws Exception {
        open("3600");
    }

    private void open(String idleSeconds) throws Exception {
        open(idleSeconds, "0");
    }

    private void open(String idleSeconds, String slotWaitSeconds) throws Exception {
        if (crash != null) {
            close();
        }
        Path dumps = Files.createDirectories(root.resolve("dumps/127.0.0.1-2026-01-01-00:00:00"));
        Files.write(dumps.resolve("vmcore"), ("KDUMP   \0\0\0\0OSRELEASE=6.1.0-fake\nBUILD-ID=00112233445566778899\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dumps.resolve("vmcore-dmesg.txt"), "[0.0] Linux version 6.1.0-fake\n");
        Files.writeString(Files.createDirectories(root.resolve("debug/boot")).resolve("vmlinux-6.1.0-fake"), "not elf");
        crash = FakeCrashTools.host(Map.of(
                CrashSettings.DUMP_PATH, root.resolve("dumps").toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, root.resolve("debug").toString(),
                CrashSettings.KERNEL_PATH, root.resolve("boot").toString(),
                CrashSettings.DUMP_SETTLE, "0",
                CrashSettings.MAX_SESSIONS, "2",
                CrashSettings.SESSION_WAIT, slotWaitSeconds,
                CrashSettings.IDLE_TIMEOUT, idleSeconds,
                "CRASH_OUTPUT_STORE_BYTES", Integer.toString(1 << 20)), root.resolve("state"));
    }

    @AfterEach
    void close() {
        crash.close();
    }

    @Test
    void sessionsBelongToTheirCallerAndEndWithIt() throws Exception {
        String mine = (String) crash.callOk("start_crash_session", Map.of(), "alice").get("session_id");
        assertEquals("fake: hello\n", crash.callOk("crash_command", Map.of("command", "help hello"), "alice").get("output")
                .toString().replace("help ", ""));
        crash.callError("crash_command", Map.of("command", "sys", "session_id", mine), "bob", "no crash session");
        crash.callError("crash_command", Map.of("command", "sys"), "bob", "no crash session is open");
        crash.callError("close_crash_session", Map.of("session_id", mine), "bob", "no crash session");
        crash.set().callerEnded("alice");
        crash.callError("crash_command", Map.of("command", "sys", "session_id", mine), "alice", "the client disconnected");
    }

    @Test
    void theMaximumRejectsNewSessionsClearly() {
        crash.callOk("start_crash_session", Map.of(), "alice");
        String bobs = (String) crash.callOk("start_crash_session", Map.of(), "bob").get("session_id");
        crash.callError("start_crash_session", Map.of(), "carol", "all 2 crash sessions this server allows are in "
                + "use, and CRASH_SESSION_WAIT is 0, so requests do not wait. The limit is CRASH_MAX_SESSIONS=2");
        crash.callError("start_crash_session", Map.of("new_session", true), "bob", "Your open sessions: " + bobs + ".");
    }

    @Test
    void aFullServerQueuesAStartUntilAPlaceComesFree() throws Exception {
        open("3600", "600");
        String alices = (String) crash.callOk("start_crash_session", Map.of(), "alice").get("session_id");
        crash.callOk("start_crash_session", Map.of(), "bob");
        TestToolCall carols = new TestToolCall("start_crash_session", Map.of(), "carol");
        CompletableFuture<ToolResult> waiting = CompletableFuture.supplyAsync(() -> call(carols));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (carols.progressReports().stream().noneMatch(r -> r.contains("waiting in line (next)"))) {
            assertTrue(System.nanoTime() < deadline, "carol's start did not wait in line: " + carols.progressReports());
            Thread.sleep(20);
        }
        assertTrue(!waiting.isDone(), "carol's start ended while every place was taken");
        crash.callOk("close_crash_session", Map.of("session_id", alices), "alice");
        Map<String, Object> started = ok(waiting.get(60, TimeUnit.SECONDS));
        assertEquals(2, openSessions("bob").size() + openSessions("carol").size());
        assertTrue(started.get("session_id") instanceof String);
    }

    @Test
    void aCancelledWaitEndsWithoutAPlace() throws Exception {
        open("3600", "600");
        crash.callOk("start_crash_session", Map.of(), "alice");
        crash.callOk("start_crash_session", Map.of(), "bob");
        TestToolCall carols = new TestToolCall("start_crash_session", Map.of(), "carol");
        CompletableFuture<ToolResult> waiting = CompletableFuture.supplyAsync(() -> call(carols));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (carols.progressReports().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "carol's start did not wait in line");
            Thread.sleep(20);
        }
        carols.cancel();
        assertError(waiting.get(60, TimeUnit.SECONDS), "cancelled while it waited for a free crash session");
        assertEquals(List.of(), openSessions("carol"));
    }

    @Test
    void idleSessionsClose() throws Exception {
        open("1");
        String id = (String) crash.callOk("start_crash_session", Map.of(), "alice").get("session_id");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!openSessions("alice").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the idle session was never closed");
            Thread.sleep(100);
        }
        crash.callError("crash_command", Map.of("command", "sys", "session_id", id), "alice", "CRASH_IDLE_TIMEOUT");
    }

    @Test
    void listingSkipsTextFilesAndReadsTheReleaseFromVmcoreinfo() {
        Map<String, Object> listed = crash.callOk("list_crash_dumps", Map.of(), "alice");
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
        assertTrue(crash.callOk("crash_command", Map.of("command", "sys"), "alice").get("output").toString().contains("fake"),
                "the session is not usable after the triage");
        Map<String, Object> again = crash.callOk("crash_triage", Map.of("timeout", 1), "alice");
        assertEquals(true, again.get("reused_session"));
        assertEquals(triage.get("session_id"), again.get("session_id"));
        crash.callError("crash_triage", Map.of("dump_name", "x", "session_id", "y"), "alice", "not both");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTriagedDumpShowsItsClassAndSignatureAndThePromptsFollowTheClass() {
        String untriaged = prompt("triage_kernel_panic");
        for (String failureClass : List.of("null_pointer_dereference", "hung_task", "out_of_memory", "soft_lockup")) {
            assertTrue(untriaged.contains(failureClass + ":"), "the steps of every class: " + untriaged);
        }
        Map<String, Object> dump = ((List<Map<String, Object>>) crash.callOk("list_crash_dumps", Map.of(), "alice").get("dumps")).get(0);
        assertEquals(null, dump.get("triage"), "not triaged yet");
        Map<String, Object> triage = crash.callOk("crash_triage", Map.of("timeout", 1), "alice");
        assertEquals("unknown", triage.get("class"), "a fake panic");
        String signature = (String) ((Map<String, Object>) triage.get("signature")).get("id");
        ToolResult listed = call("list_crash_dumps", Map.of(), "bob");
        Map<String, Object> remembered = (Map<String, Object>) ((List<Map<String, Object>>) ok(listed).get("dumps")).get(0)
                .get("triage");
        assertEquals("unknown", remembered.get("class"));
        assertEquals(signature, remembered.get("signature"));
        assertTrue(listed.text().contains("triaged: unknown, signature " + signature), listed.text());
        String steered = prompt("triage_kernel_panic");
        assertTrue(steered.contains("crash_triage already found: class unknown") && steered.contains("signature " + signature),
                steered);
        assertFalse(steered.contains("hung_task:"), "only the steps of its class: " + steered);
        assertTrue(prompt("investigate_hung_tasks").contains("classified this dump as unknown, not a hung task"));
    }

    private String prompt(String name) {
        return crash.set().prompts().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow()
                .renderer().render(Map.of()).get(0).text();
    }

    private List<?> openSessions(String caller) {
        return (List<?>) crash.callOk("get_crash_info", Map.of(), caller).get("sessions");
    }

    private ToolResult call(String name, Map<String, Object> arguments, String caller) {
        return call(new TestToolCall(name, arguments, caller));
    }

    private ToolResult call(TestToolCall call) {
        return crash.call(call);
    }
}
