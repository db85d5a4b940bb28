package io.dynamicmcp.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.testkit.HostedProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The zoo's hung task with Debian 12's crash 8.0.2, which cannot see this kernel's sleeping tasks: get_crash_info and
 * start_crash_session say what is lost and how to get a newer crash, and crash_triage says the blocked tasks cannot be
 * seen and reads them from the kernel log's hung-task report instead.
 */
class ZooOldCrashTest {

    private static final Path OLD_CRASH = Path.of("/usr/bin/crash");

    private HostedProvider crash;
    private Path state;

    @AfterEach
    void close() {
        if (crash != null) {
            crash.close();
            assertEquals(List.of(), RealDumpTest.crashChildren(), "crash processes outlived close()");
            BadDumpTest.delete(state);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOldCrashSaysWhatItLosesAndTriageFallsBackToTheLog() throws Exception {
        Optional<Path> root = TestDump.root();
        TestDump.assume(root.isPresent(), TestDump.MISSING);
        Optional<Path> zoo = TestDump.zoo(root.get());
        TestDump.assume(zoo.isPresent(), TestDump.ZOO_MISSING);
        TestDump.assume(Files.isExecutable(OLD_CRASH), "needs Debian 12's crash 8.0.2 at " + OLD_CRASH
                + " (apt install crash)");
        String version = TestDump.crashVersion(OLD_CRASH);
        TestDump.assume(!TestDump.seesSleepingTasks(version), OLD_CRASH + " is " + version
                + ", which sees sleeping tasks: this test needs one older than 8.0.4 (Debian 12's 8.0.2)");
        Map<String, Object> answer = new ObjectMapper().readValue(
                zoo.get().resolve("crash/hung-task/answer.json").toFile(), Map.class);
        state = Files.createTempDirectory("crash-old-test");
        crash = HostedProvider.open(new CrashToolProvider(), Map.of(
                CrashSettings.BINARY, OLD_CRASH.toString(),
                CrashSettings.DUMP_PATH, zoo.get().resolve("crash").toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, root.get().resolve("debug/usr/lib/debug").toString(),
                CrashSettings.KERNEL_PATH, root.get().resolve("boot").toString()), state);

        Map<String, Object> requirement = ((List<Map<String, Object>>) crash.callOk("get_crash_info", Map.of())
                .get("requirements")).stream().filter(r -> r.get("name").equals("crash utility")).findFirst().orElseThrow();
        assertEquals(false, requirement.get("ok"), requirement.toString());
        assertTrue(((String) requirement.get("detail")).contains("cannot see sleeping tasks"), requirement.toString());
        assertTrue(((String) requirement.get("fix")).contains("scripts/build-crash"), requirement.toString());

        ToolResult start = call("start_crash_session", Map.of("dump_name", "hung-task/vmcore"));
        List<String> warnings = (List<String>) ok(start).get("warnings");
        assertTrue(warnings.size() == 1 && warnings.get(0).contains("cannot see this dump's sleeping tasks")
                && warnings.get(0).contains("CRASH_BINARY"), warnings.toString());
        assertTrue(start.text().contains("WARNING: crash " + version) && start.text().contains("Module symbols: loaded for"),
                start.text());

        ToolResult result = call("crash_triage", Map.of("session_id", ok(start).get("session_id")));
        Map<String, Object> triage = ok(result);
        System.err.println("crash_triage with crash " + version + ":\n" + result.text());
        assertEquals("hung_task", triage.get("class"));
        Map<String, Object> culprit = (Map<String, Object>) triage.get("culprit");
        assertEquals(answer.get("culprit_function"), culprit.get("function"));
        Map<String, Object> expected = (Map<String, Object>) answer.get("blocked_task");
        Map<String, Object> blocked = ((List<Map<String, Object>>) ((Map<String, Object>) triage.get("findings"))
                .get("blocked_tasks")).get(0);
        assertEquals(expected.get("comm"), blocked.get("command"));
        assertEquals(((Number) expected.get("pid")).longValue(), ((Number) blocked.get("pid")).longValue());
        assertEquals(expected.get("waits_in"), blocked.get("waits_in"));
        assertEquals("log", blocked.get("source"), "crash cannot see it; the hung-task report can");
        List<String> problems = (List<String>) triage.get("problems");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("blocked tasks cannot be seen with crash " + version)),
                problems.toString());
        assertTrue(result.text().contains("blocked tasks cannot be seen with crash " + version), result.text());
        assertTrue(result.text().contains("\"" + expected.get("comm") + "\" waits in " + expected.get("waits_in")), result.text());
        assertTrue(call("get_crash_info", Map.of()).text().contains("WARNING: crash " + version));
    }

    private ToolResult call(String name, Map<String, Object> arguments) {
        return crash.call(name, arguments);
    }

    private static Map<String, Object> ok(ToolResult result) {
        return RealDumpTest.ok(result);
    }
}
