package io.dynamicmcp.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The five tools against the real crash on the real kernel panic dump; one session shared by the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealDumpTest {

    private Path cache;
    private String release;
    private Path state;
    private HostedProvider crash;
    private Map<String, Object> started;
    private TestToolCall startCall;
    private TestDump.Console console;
    private String crashVersion;

    @BeforeAll
    void startOneSession() throws Exception {
        Optional<Path> root = TestDump.root();
        Assumptions.assumeTrue(root.isPresent(), TestDump.MISSING);
        cache = root.get();
        release = TestDump.release(cache);
        console = TestDump.console(cache);
        Path binary = TestDump.crashBinary().orElseThrow();
        crashVersion = TestDump.crashVersion(binary);
        state = Files.createTempDirectory("crash-real-test");
        crash = HostedProvider.open(new CrashToolProvider(), Map.of(
                CrashSettings.BINARY, binary.toString(),
                CrashSettings.DUMP_PATH, cache.resolve("crash").toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, cache.resolve("debug/usr/lib/debug").toString(),
                CrashSettings.KERNEL_PATH, cache.resolve("boot").toString(),
                CrashSettings.INTERRUPT_GRACE, "20"), state);
        startCall = new TestToolCall("start_crash_session", Map.of());
        started = crash.callOk(startCall);
    }

    @AfterAll
    void closeEverything() {
        if (crash == null) {
            return;
        }
        crash.close();
        assertEquals(List.of(), crashChildren(), "crash processes outlived close()");
        assertFalse(Files.exists(state.resolve("sessions")) && state.resolve("sessions").toFile().list().length > 0,
                "session folders left behind");
        BadDumpTest.delete(state);
    }

    @Test
    @Order(1)
    void listFindsBothKdumpLayoutsWithReleaseAndSymbols() {
        Map<String, Object> result = crash.callOk("list_crash_dumps", Map.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> dumps = (List<Map<String, Object>>) result.get("dumps");
        List<Object> names = dumps.stream().map(d -> d.get("name")).toList();
        assertTrue(names.contains("127.0.0.1-2026-11-22-04:10:01/vmcore"), names.toString());
        assertTrue(names.contains("202611220410/dump.202611220410"), names.toString());
        assertEquals(2, dumps.size(), "dmesg files must not be listed: " + names);
        for (Map<String, Object> dump : dumps) {
            assertEquals(release, dump.get("kernel_release"));
            assertEquals(true, dump.get("debug_symbols_found"));
            assertEquals("kdump_compressed", dump.get("format"));
        }
    }

    @Test
    @Order(2)
    void startMatchedTheVmlinuxOnItsOwnAndReadThePanic() {
        assertEquals(cache.resolve("debug/usr/lib/debug/boot/vmlinux-" + release).toString(), started.get("vmlinux"));
        assertEquals(release, started.get("release"));
        assertEquals("Kernel panic - not syncing: sysrq triggered crash", started.get("panic"));
        assertEquals(crashVersion, started.get("crash_version"));
        assertTrue(List.of("127.0.0.1-2026-11-22-04:10:01/vmcore", "202611220410/dump.202611220410")
                .contains(started.get("dump")), String.valueOf(started.get("dump")));
        assertFalse(startCall.progressReports().isEmpty(), "no progress while loading");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> modules = (List<Map<String, Object>>) started.get("module_symbols");
        assertEquals(console.modulesInLoadOrder().stream().sorted().toList(),
                modules.stream().map(m -> m.get("module")).toList(), "every module the guest loaded, by name");
        assertTrue(modules.stream().allMatch(m -> "loaded".equals(m.get("status"))),
                "the -dbg modules under DEBUG_SYMBOL_PATH, checked against the dump: " + modules);
        assertEquals(TestDump.seesSleepingTasks(crashVersion), ((List<?>) started.get("warnings")).isEmpty(),
                "crash before 8.0.4 is told to be too old for this kernel: " + started.get("warnings"));
        System.err.println("crash session load_seconds=" + started.get("load_seconds"));
    }

    @Test
    @Order(3)
    void sysShowsThePanicString() {
        assertTrue(output("sys").contains("PANIC: \"Kernel panic - not syncing: sysrq triggered crash\""));
    }

    @Test
    @Order(3)
    void btShowsThePanicTasksStack() {
        // not sysrq_handle_crash: crash 8.0.6's default unwinder stops at panic() on some boots (triage then uses bt -o)
        String bt = output("bt");
        assertTrue(bt.contains("PID: " + console.pid() + " ") && bt.contains(" panic at "), bt);
        assertFalse(bt.startsWith("bt"), "the echo of the command was not removed: " + bt);
        assertFalse(bt.contains("crash-"), "the private prompt leaked: " + bt);
        assertFalse(bt.contains("\r"), "carriage returns left in the output");
    }

    @Test
    @Order(3)
    void modListsLoop() {
        assertTrue(output("mod").contains(" loop "), "mod lacks loop");
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void triageNamesThePanicTheSysrqWriterAndItsFrames() {
        ToolResult result = call("crash_triage", Map.of());
        Map<String, Object> triage = ok(result);
        System.err.println("crash_triage digest:\n" + result.text());
        assertEquals(started.get("session_id"), triage.get("session_id"), "the open session on that dump was not reused");
        assertEquals(true, triage.get("reused_session"));
        assertEquals("Kernel panic - not syncing: sysrq triggered crash", triage.get("panic"));
        assertEquals("sysrq", triage.get("class"));
        assertEquals("Kernel panic - not syncing: sysrq triggered crash", triage.get("panic_line"));
        Map<String, Object> culprit = (Map<String, Object>) triage.get("culprit");
        assertEquals("sysrq_handle_crash", culprit.get("function"));
        assertEquals(null, culprit.get("module"));
        assertTrue(((String) culprit.get("source")).matches(".*drivers/tty/sysrq\\.c:\\d+"), culprit.toString());
        assertTrue(((String) ((Map<String, Object>) triage.get("findings")).get("trigger")).contains("/proc/sysrq-trigger"));
        assertTrue(((String) ((Map<String, Object>) triage.get("signature")).get("id")).matches("[0-9a-f]{12}"));
        Map<String, Object> task = (Map<String, Object>) triage.get("task");
        assertEquals(console.pid(), ((Number) task.get("pid")).longValue());
        assertEquals(console.command(), task.get("command"));
        assertEquals(console.cpu(), ((Number) task.get("cpu")).intValue(), "the CPU the serial console named");
        List<Map<String, Object>> frames = (List<Map<String, Object>>) triage.get("frames");
        List<Object> functions = frames.stream().map(f -> f.get("function")).toList();
        int handler = functions.indexOf("sysrq_handle_crash");
        assertTrue(handler > 0 && functions.subList(0, handler).contains("panic"), "panic above sysrq_handle_crash: " + functions);
        assertTrue(functions.indexOf("write_sysrq_trigger") > handler, "the /proc/sysrq-trigger writer below it: " + functions);
        assertTrue(((String) frames.get(handler).get("address")).matches("[0-9a-f]{16}"), frames.get(handler).toString());
        Map<String, Object> taint = (Map<String, Object>) triage.get("taint");
        assertEquals(0L, ((Number) taint.get("mask")).longValue());
        assertEquals(false, taint.get("tainted"));
        assertEquals(console.modulesInLoadOrder(), triage.get("modules"), "modules in the order the guest loaded them");
        assertEquals(List.of(), triage.get("tainted_modules"));
        List<String> log = (List<String>) triage.get("log_before_panic");
        assertTrue(log.size() <= 30 && log.get(log.size() - 1).contains("Kernel panic - not syncing: sysrq triggered crash"),
                log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("sysrq: Trigger a crash")), log.toString());
        Map<String, Object> memory = (Map<String, Object>) triage.get("memory");
        Map<String, Object> total = (Map<String, Object>) memory.get("total_mem");
        Map<String, Object> free = (Map<String, Object>) memory.get("free");
        assertTrue(((Number) total.get("pages")).longValue() > ((Number) free.get("pages")).longValue(), memory.toString());
        List<String> problems = new java.util.ArrayList<>((List<String>) triage.get("problems"));
        // on some boots crash 8.0.6's unwinder stops at panic(); triage says so and reads bt -o instead
        problems.removeIf(p -> p.startsWith("crash's default unwinder lost the panic's caller"));
        if (TestDump.seesSleepingTasks(crashVersion)) {
            assertEquals(List.of(), problems);
        } else {
            assertTrue(problems.size() == 1 && problems.get(0).contains("cannot see this dump's sleeping tasks"),
                    "only the old crash's warning: " + problems);
        }
        Map<String, Object> listed = ((List<Map<String, Object>>) crash.callOk("list_crash_dumps", Map.of()).get("dumps")).stream()
                .filter(d -> d.get("name").equals(started.get("dump"))).findFirst().orElseThrow();
        assertEquals(((Map<String, Object>) triage.get("signature")).get("id"),
                ((Map<String, Object>) listed.get("triage")).get("signature"), "list_crash_dumps shows the signature");
        assertTrue(result.text().contains("sysrq triggered crash")
                && result.text().contains("PID " + console.pid() + " \"" + console.command() + "\"")
                && result.text().contains("sysrq_handle_crash"), result.text());
        assertTrue(crash.context().auditEvents().stream().anyMatch(e -> "crash_triage".equals(e.get("tool"))
                && "kmem -i".equals(e.get("command")) && "allowed".equals(e.get("verdict"))));
    }

    @Test
    @Order(3)
    void thePolicyRefusesEscapesAndTheAuditLogRecordsEveryVerdict() {
        ToolResult shell = call("crash_command", Map.of("command", "!id"));
        assertTrue(shell.isError() && shell.text().startsWith("refused: "), shell.text());
        ToolResult redirect = call("crash_command", Map.of("command", "sys > /tmp/dynamic-mcp-escape"));
        assertTrue(redirect.isError(), redirect.text());
        assertFalse(Files.exists(Path.of("/tmp/dynamic-mcp-escape")));
        output("p jiffies");
        List<Map<String, Object>> events = crash.context().auditEvents();
        assertTrue(events.stream().anyMatch(e -> "!id".equals(e.get("command")) && "rejected".equals(e.get("verdict"))
                && e.get("reason") != null), events.toString());
        assertTrue(events.stream().anyMatch(e -> "p jiffies".equals(e.get("command")) && "allowed".equals(e.get("verdict"))
                && "completed".equals(e.get("ending")) && e.get("duration_ms") != null && e.get("bytes_out") != null),
                events.toString());
    }

    @Test
    @Order(3)
    void trailingPipesAreAppliedByTheServer() {
        Map<String, Object> counted = crash.callOk("crash_command", Map.of("command", "log | grep -i sysrq | wc -l"));
        assertEquals("log", counted.get("command"), "crash must never see the pipe");
        assertTrue(Integer.parseInt(((String) counted.get("output")).strip()) > 0, String.valueOf(counted.get("output")));
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void largeOutputIsStoredThenPagedAndSearched() {
        Map<String, Object> big = crash.callOk("crash_command", Map.of("command", "dis sysrq_handle_crash 4000"));
        assertEquals(true, big.get("truncated"), "4000 instructions should exceed the inline budget");
        String id = (String) big.get("output_id");
        assertTrue(id != null && !id.isBlank());
        long total = ((Number) big.get("output_lines")).longValue();
        assertEquals(4000, total);
        Map<String, Object> page = crash.callOk("get_command_output", Map.of("output_id", id, "offset", 3990, "limit", 100));
        List<String> lines = (List<String>) page.get("lines");
        assertEquals(10, lines.size());
        assertEquals(null, page.get("next_offset"), "the last page has no next one");
        Map<String, Object> found = crash.callOk("search_command_output", Map.of("output_id", id, "pattern", "<sysrq_handle_crash"));
        List<Map<String, Object>> matches = (List<Map<String, Object>>) found.get("matches");
        assertFalse(matches.isEmpty(), found.toString());
        assertEquals(1L, ((Number) matches.get(0).get("line")).longValue());
        ToolResult stranger = call(new TestToolCall("get_command_output", Map.of("output_id", id), "somebody-else"));
        assertTrue(stranger.isError(), "another caller read the output");
    }

    @Test
    @Order(3)
    void logHoldsThePanicLine() {
        assertTrue(output("log").contains("Kernel panic - not syncing: sysrq triggered crash"));
    }

    @Test
    @Order(3)
    void aCommandPrintingNothingReturnsNothing() {
        Map<String, Object> result = crash.callOk("crash_command", Map.of("command", "foreach UN bt"));
        assertEquals("", result.get("output"));
        assertEquals(0L, result.get("lines"));
        assertTrue(output("p jiffies").startsWith("jiffies = $"), "the next command's output is off");
    }

    @Test
    @Order(3)
    void grepHeadAndTailFilterServerSide() {
        Map<String, Object> grep = crash.callOk("crash_command", Map.of("command", "log", "grep", "sysrq"));
        String[] lines = ((String) grep.get("output")).split("\n");
        assertTrue(lines.length >= 1);
        for (String line : lines) {
            assertTrue(line.contains("sysrq"), line);
        }
        Map<String, Object> head = crash.callOk("crash_command", Map.of("command", "log", "head", 3));
        assertEquals(3, ((String) head.get("output")).split("\n").length);
    }

    @Test
    @Order(4)
    void aTimeoutReturnsPartialOutputAndTheSessionStaysUsable() throws Exception {
        Map<String, Object> result = crash.callOk("crash_command",
                Map.of("command", "dis sysrq_handle_crash 200000", "timeout", 2));
        assertEquals(124, result.get("exit_code"));
        assertEquals("timed_out", result.get("status"));
        assertEquals(true, result.get("partial"));
        assertTrue(((String) result.get("output")).contains("sysrq_handle_crash"), "no partial output");
        assertRecovers();
    }

    @Test
    @Order(5)
    void cancellationInterruptsAndTheSessionStaysUsable() throws Exception {
        TestToolCall dis = new TestToolCall("crash_command", Map.of("command", "dis sysrq_handle_crash 200000"));
        CompletableFuture<ToolResult> running = CompletableFuture.supplyAsync(() -> call(dis));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!busy() && !running.isDone()) {
            assertTrue(System.nanoTime() < deadline, "the command never started");
            Thread.sleep(20);
        }
        assertFalse(running.isDone(), "the command ended before it could be cancelled");
        dis.cancel();
        Map<String, Object> result = ok(running.get());
        assertEquals("cancelled", result.get("status"));
        assertEquals(130, result.get("exit_code"));
        assertRecovers();
    }

    @Test
    @Order(5)
    void aCallCancelledBeforeItRunsLeavesNoStrayPrompt() {
        TestToolCall early = new TestToolCall("crash_command", Map.of("command", "dis sysrq_handle_crash 200000"));
        early.cancel();
        assertEquals("cancelled", crash.callOk(early).get("status"));
        for (int i = 0; i < 3; i++) {
            assertTrue(output("p jiffies").startsWith("jiffies = $"), "the stream is out of step after Ctrl-C");
        }
    }

    @Test
    @Order(6)
    void unknownSessionAndAnotherCallersSessionAreNotFound() {
        crash.callError("crash_command", Map.of("command", "sys", "session_id", "nosuch"), "no crash session 'nosuch'");
        TestToolCall stranger = new TestToolCall("crash_command",
                Map.of("command", "sys", "session_id", started.get("session_id")), "someone-else");
        crash.callError(stranger, "no crash session");
        crash.callError("crash_command", Map.of("command", "!id"), "not allowed");
    }

    @Test
    @Order(7)
    void infoReportsTheSessionAndRequirements() {
        Map<String, Object> info = crash.callOk("get_crash_info", Map.of());
        assertEquals(1, ((List<?>) info.get("sessions")).size());
        assertEquals(crashVersion, info.get("crash_version"));
        assertTrue(((List<?>) info.get("requirements")).size() >= 3);
    }

    @Test
    @Order(8)
    void crashKilledMidSessionEndsItAndANewSessionStarts() throws Exception {
        long pid = newestCrashChild();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        ToolResult dead = call("crash_command", Map.of("command", "sys"));
        assertTrue(dead.isError(), dead.text());
        assertTrue(dead.text().contains("has ended"), dead.text());
        Map<String, Object> again = crash.callOk("start_crash_session", Map.of("dump_name", "202611220410/dump.202611220410"));
        assertTrue(output("sys").contains("sysrq triggered crash"));
        Map<String, Object> closed = crash.callOk("close_crash_session", Map.of("session_id", again.get("session_id")));
        assertEquals(true, closed.get("process_ended"));
        assertEquals(List.of(), crashChildren());
    }

    /**
     * The session answers again. crash may still be coming back from the Ctrl-C (gdb inside a long disassembly took
     * from 3 to over 27 s on this machine kind): meanwhile a command is answered "session busy ... retry", and the
     * session must neither end nor stay busy past a bound well under the hang limit.
     */
    private void assertRecovers() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (true) {
            ToolResult answer = call("crash_command", Map.of("command", "p jiffies"));
            if (!answer.isError()) {
                assertTrue(((String) ok(answer).get("output")).startsWith("jiffies = $"), answer.text());
                return;
            }
            assertTrue(answer.text().contains("session busy") && System.nanoTime() < deadline,
                    "the session did not recover: " + answer.text());
            Thread.sleep(500);
        }
    }

    private boolean busy() {
        Map<String, Object> info = crash.callOk("get_crash_info", Map.of());
        return ((List<?>) info.get("sessions")).stream().anyMatch(s -> Boolean.TRUE.equals(((Map<?, ?>) s).get("busy")));
    }

    private String output(String command) {
        return (String) crash.callOk("crash_command", Map.of("command", command)).get("output");
    }

    private ToolResult call(String tool, Map<String, Object> arguments) {
        return call(new TestToolCall(tool, new HashMap<>(arguments)));
    }

    private ToolResult call(TestToolCall call) {
        return crash.call(call);
    }

    static Map<String, Object> ok(ToolResult result) {
        assertFalse(result.isError(), result.text());
        return result.structured().orElseThrow();
    }

    static void assertError(ToolResult result, String expected) {
        assertTrue(result.isError(), "expected an error, got " + result.text());
        assertTrue(result.text().contains(expected), result.text());
    }

    static List<Long> crashChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("crash")).map(ProcessHandle::pid).toList();
    }

    private static long newestCrashChild() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("crash"))
                .max(java.util.Comparator.comparing(p -> p.info().startInstant().orElseThrow()))
                .orElseThrow().pid();
    }
}
