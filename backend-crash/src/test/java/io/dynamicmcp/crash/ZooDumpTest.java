package io.dynamicmcp.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.testkit.HostedProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * crash_triage on every dump of the panic zoo (scripts/make-zoo-dumps), with a crash that sees sleeping tasks, against
 * each case's answer.json: nothing of one boot (PIDs, CPUs, addresses, module order) is written here. One session per
 * dump, started with start_crash_session (which loads the modules' symbols) when the first test of that dump runs,
 * triaged in place and closed; the other tests of the dump read what it gave. {@code DYNAMIC_MCP_ZOO_CASES=a,b} runs only those.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooDumpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path zoo;
    private Path state;
    private HostedProvider crash;
    private final Map<String, Map<String, Object>> started = new ConcurrentHashMap<>();
    private final Map<String, ToolResult> triaged = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> runs = new LinkedHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private long begin;

    static List<String> cases() {
        String only = Optional.ofNullable(System.getenv("DYNAMIC_MCP_ZOO_CASES")).orElse("");
        return TestDump.zooCases().stream().filter(c -> only.isBlank() || List.of(only.split(",")).contains(c)).toList();
    }

    @BeforeAll
    void openTheProvider() throws Exception {
        Optional<Path> root = TestDump.root();
        TestDump.assume(root.isPresent(), TestDump.MISSING);
        Optional<Path> found = TestDump.zoo(root.get());
        TestDump.assume(found.isPresent(), TestDump.ZOO_MISSING);
        zoo = found.get();
        Path binary = TestDump.crashBinary().orElseThrow();
        String version = TestDump.crashVersion(binary);
        TestDump.assume(TestDump.seesSleepingTasks(version), TestDump.NEWER_CRASH_MISSING + "; " + binary
                + " is " + version);
        state = Files.createTempDirectory("crash-zoo-test");
        begin = System.nanoTime();
        crash = HostedProvider.open(new CrashToolProvider(), Map.of(
                CrashSettings.BINARY, binary.toString(),
                CrashSettings.DUMP_PATH, zoo.resolve("crash").toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, root.get().resolve("debug/usr/lib/debug").toString(),
                CrashSettings.KERNEL_PATH, root.get().resolve("boot").toString()), state);
        for (String name : cases()) {
            runs.put(name, CompletableFuture.runAsync(() -> triageOne(name), pool));
        }
    }

    /** Waits until the case's dump was triaged (in the background, two at a time: the machine has two cores). */
    private void run(String name) {
        try {
            runs.get(name).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** Starts a session on the case's dump, triages it and closes it: once per dump, for all the tests of that dump. */
    private void triageOne(String name) {
        try {
            long t0 = System.nanoTime();
            Map<String, Object> session = crash.callOk("start_crash_session", Map.of("dump_name", name + "/vmcore"));
            started.put(name, session);
            long t1 = System.nanoTime();
            ToolResult result = call("crash_triage", Map.of("session_id", session.get("session_id")));
            triaged.put(name, result);
            long t2 = System.nanoTime();
            crash.callOk("close_crash_session", Map.of("session_id", session.get("session_id")));
            System.err.printf("zoo: %s: start_crash_session %.1f s (crash loaded in %s s), crash_triage %.1f s %s%n", name,
                    (t1 - t0) / 1e9, session.get("load_seconds"), (t2 - t1) / 1e9, durations(result));
        } catch (AssertionError | RuntimeException e) {
            failures.put(name, e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static String durations(ToolResult result) {
        return result.structured().map(s -> ((List<Map<String, Object>>) s.get("commands")).stream()
                .map(c -> c.get("command") + "=" + c.get("duration_ms")).collect(Collectors.joining(", ", "[", "]")))
                .orElse("");
    }

    @AfterAll
    void close() {
        pool.shutdownNow();
        if (!runs.isEmpty()) {
            System.err.printf("zoo: %d dumps in %.1f s%n", runs.size(), (System.nanoTime() - begin) / 1e9);
        }
        if (crash != null) {
            crash.close();
            assertEquals(List.of(), RealDumpTest.crashChildren(), "crash processes outlived close()");
            BadDumpTest.delete(state);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> answer(String name) throws Exception {
        return JSON.readValue(zoo.resolve("crash").resolve(name).resolve("answer.json").toFile(), Map.class);
    }

    private Map<String, Object> triage(String name) {
        run(name);
        assertNull(failures.get(name), name);
        ToolResult result = triaged.get(name);
        assertNotNull(result, "not triaged: " + name);
        return ok(result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void triageNamesTheClassTheCulpritAndTheTaskOfTheAnswerKey(String name) throws Exception {
        Map<String, Object> answer = answer(name);
        Map<String, Object> triage = triage(name);
        String digest = triaged.get(name).text();
        System.err.println("crash_triage " + name + ":\n" + digest + "\n");
        assertEquals(answer.get("class"), triage.get("class"), digest);
        assertEquals("log", triage.get("classified_from"));
        assertEquals(answer.get("panic_line"), triage.get("panic_line"));
        assertEquals(answer.get("oops_line"), triage.get("report_line"));
        Map<String, Object> culprit = (Map<String, Object>) triage.get("culprit");
        assertEquals(answer.get("culprit_function"), culprit.get("function"), digest);
        assertEquals(answer.get("culprit_module"), culprit.get("module"), digest);
        String source = (String) culprit.get("source");
        assertTrue(source != null && source.matches(".+\\.[ch]:\\d+"), "debug information gives the culprit's line: " + culprit);
        String defined = (String) culprit.get("defined_at");
        assertTrue(defined != null && (answer.get("culprit_module") == null ? defined.matches(".+\\.c:\\d+")
                : defined.matches("/usr/src/dmz_zoo/dmz_zoo\\.c:\\d+")), "and where it is defined: " + culprit);
        Map<String, Object> task = (Map<String, Object>) triage.get("task");
        assertEquals(answer.get("task"), task.get("command"));
        assertEquals(((Number) answer.get("pid")).longValue(), ((Number) task.get("pid")).longValue());
        assertEquals(((Number) answer.get("cpu")).intValue(), ((Number) task.get("cpu")).intValue());
        assertEquals(((String) answer.get("taint")).replace("G", ""), ((Map<String, Object>) triage.get("taint")).get("at_report"));
        assertTrue(digest.lines().count() <= 40, "longer than a screen:\n" + digest);
        assertTrue(digest.contains("Class: " + answer.get("class")) && digest.contains("Culprit: " + answer.get("culprit_function")),
                digest);
        // crash 8.0.6's default unwinder stops inside panic() on some boots (a new dump each CI run): the triage then
        // says so and takes the frames from 'bt -o', and the culprit above must still be right
        assertEquals(List.of(), ((List<String>) triage.get("problems")).stream()
                .filter(problem -> !problem.startsWith("crash's default unwinder lost the panic's caller")).toList(), digest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void theFollowUpsOfTheClassRan(String name) throws Exception {
        Map<String, Object> answer = answer(name);
        Map<String, Object> triage = triage(name);
        Map<String, Object> findings = (Map<String, Object>) triage.get("findings");
        List<String> commands = ((List<Map<String, Object>>) triage.get("commands")).stream()
                .map(c -> (String) c.get("command")).toList();
        switch ((String) answer.get("class")) {
            case "hung_task" -> {
                assertTrue(commands.contains("foreach UN bt"), commands.toString());
                Map<String, Object> expected = (Map<String, Object>) answer.get("blocked_task");
                Map<String, Object> blocked = ((List<Map<String, Object>>) findings.get("blocked_tasks")).get(0);
                assertEquals(expected.get("comm"), blocked.get("command"));
                assertEquals(((Number) expected.get("pid")).longValue(), ((Number) blocked.get("pid")).longValue());
                assertEquals(expected.get("waits_in"), blocked.get("waits_in"));
                assertEquals("crash", blocked.get("source"), "this crash sees the blocked task");
                assertTrue(triaged.get(name).text().contains("\"" + expected.get("comm") + "\" waits in " + expected.get("waits_in")));
            }
            case "soft_lockup" -> {
                assertTrue(commands.contains("bt -a"), commands.toString());
                List<Map<String, Object>> cpus = (List<Map<String, Object>>) findings.get("cpus");
                Map<String, Object> stuck = cpus.stream().filter(c -> ((Number) c.get("cpu")).intValue()
                        == ((Number) answer.get("cpu")).intValue()).findFirst().orElseThrow(() -> new AssertionError(cpus));
                assertTrue(((List<String>) stuck.get("frames")).get(0).startsWith(answer.get("culprit_function") + "+"), stuck.toString());
            }
            case "out_of_memory" -> {
                assertTrue(commands.contains("ps -G"), commands.toString());
                assertEquals("dmz_zoo_hog", ((List<Map<String, Object>>) findings.get("slab_caches")).get(0).get("name"));
                assertFalse(((List<?>) findings.get("largest_tasks")).isEmpty());
            }
            case "bug", "null_pointer_dereference", "general_protection_fault", "divide_error" -> {
                Map<String, Object> fault = (Map<String, Object>) findings.get("fault");
                assertTrue(((String) fault.get("rip")).startsWith(answer.get("rip_function") + "+"), fault.toString());
                assertNotNull(fault.get("instruction"), fault.toString());
                assertNotNull(fault.get("source"), fault.toString());
                if (answer.get("class").equals("bug")) {
                    String oops = (String) answer.get("oops_line");
                    assertEquals(oops.substring("kernel BUG at ".length(), oops.length() - 1), findings.get("bug_location"));
                }
            }
            case "init_killed" -> assertNotNull(findings.get("exit"), findings.toString());
            case "sysrq" -> assertTrue(((String) findings.get("trigger")).contains("/proc/sysrq-trigger"), findings.toString());
            default -> throw new AssertionError("a class the zoo does not have: " + answer.get("class"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void theSessionLoadedTheModulesSymbolsAfterCheckingThem(String name) {
        run(name);
        assertNull(failures.get(name), name);
        Map<String, Object> session = started.get(name);
        List<Map<String, Object>> modules = (List<Map<String, Object>>) session.get("module_symbols");
        Map<String, Map<String, Object>> byName = modules.stream()
                .collect(Collectors.toMap(m -> (String) m.get("module"), m -> m));
        Map<String, Object> zooModule = byName.get("dmz_zoo");
        assertEquals("loaded", zooModule.get("status"), modules.toString());
        assertEquals(zoo.resolve("crash").resolve(name).resolve("dmz_zoo.ko").toString(), zooModule.get("file"));
        assertTrue(((String) zooModule.get("detail")).contains("matches the dump's"), "checked by build-id: " + zooModule);
        for (String inTree : List.of("loop", "dummy", "qemu_fw_cfg")) {
            assertEquals("loaded", byName.get(inTree).get("status"), "from the -dbg tree under DEBUG_SYMBOL_PATH: " + byName.get(inTree));
        }
        assertEquals(List.of(), session.get("warnings"));
        assertEquals(modules, triage(name).get("module_symbols"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoDumpsOfOneBugShareASignatureEveryOtherCaseDiffersAndTheListShowsThem() {
        Map<String, String> signatures = new LinkedHashMap<>();
        for (String name : cases()) {
            signatures.put(name, (String) ((Map<String, Object>) triage(name).get("signature")).get("id"));
        }
        TestDump.assume(signatures.containsKey("null-deref") && signatures.containsKey("null-deref-again"),
                "runs with the whole zoo");
        System.err.println("zoo signatures: " + signatures);
        assertEquals(signatures.get("null-deref"), signatures.get("null-deref-again"));
        Map<String, List<String>> bySignature = signatures.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        assertEquals(signatures.size() - 1, bySignature.size(), "only null-deref and null-deref-again may share: " + bySignature);
        Map<String, Object> listed = crash.callOk("list_crash_dumps", Map.of("max_dumps", 100));
        for (Map<String, Object> dump : (List<Map<String, Object>>) listed.get("dumps")) {
            String name = ((String) dump.get("name")).replace("/vmcore", "");
            if (!signatures.containsKey(name)) {
                continue;
            }
            Map<String, Object> triage = (Map<String, Object>) dump.get("triage");
            assertNotNull(triage, "list_crash_dumps shows what triage found for " + name);
            assertEquals(signatures.get(name), triage.get("signature"));
        }
    }

    private ToolResult call(String name, Map<String, Object> arguments) {
        return crash.call(name, arguments);
    }

    private static Map<String, Object> ok(ToolResult result) {
        return RealDumpTest.ok(result);
    }
}
