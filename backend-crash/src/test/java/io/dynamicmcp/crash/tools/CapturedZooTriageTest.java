package io.dynamicmcp.crash.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.OutputSchemaCheck;
import io.dynamicmcp.crash.triage.CapturedCrash;
import io.dynamicmcp.crash.triage.Triage;
import io.dynamicmcp.crash.triage.failures.FailureKinds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * crash_triage's analysis on what crash 8.0.2 and 8.0.6 printed for every panic-zoo dump (captured with
 * scripts/capture-zoo-outputs), against each case's answer key: never against constants of one boot.
 */
class CapturedZooTriageTest {

    static List<CapturedCrash> captures() {
        return CapturedCrash.all();
    }

    static Map<String, Object> triage(CapturedCrash crash) {
        return new Triage(FailureKinds.classifier()).run(crash.session(), false, crash, (done, expected, message) -> { });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    @SuppressWarnings("unchecked")
    void namesTheClassTheCulpritAndTheTaskOfTheAnswerKey(CapturedCrash crash) {
        Map<String, Object> answer = crash.answer();
        Map<String, Object> triage = triage(crash);
        String digest = (String) triage.get("digest");
        OutputSchemaCheck.assertMatches("crash_triage on " + crash, TriageSchema.output(), triage);
        assertEquals(answer.get("class"), triage.get("class"), crash + ":\n" + digest);
        assertEquals("log", triage.get("classified_from"));
        assertEquals(answer.get("panic_line"), triage.get("panic_line"));
        if (answer.get("oops_line") != null) {
            assertEquals(answer.get("oops_line"), triage.get("report_line"));
        } else {
            assertNull(triage.get("report_line"));
        }
        Map<String, Object> culprit = (Map<String, Object>) triage.get("culprit");
        assertNotNull(culprit, digest);
        assertEquals(answer.get("culprit_function"), culprit.get("function"), digest);
        assertEquals(answer.get("culprit_module"), culprit.get("module"), digest);
        assertEquals(List.of("qemu_fw_cfg", "loop", "dummy", "dmz_zoo"), triage.get("modules"),
                "the kernel's list, named from crash's table: the order the zoo's guest loaded them");
        Map<String, Object> task = (Map<String, Object>) triage.get("task");
        assertEquals(answer.get("task"), task.get("command"));
        assertEquals(((Number) answer.get("pid")).longValue(), ((Number) task.get("pid")).longValue());
        assertEquals(((Number) answer.get("cpu")).intValue(), ((Number) task.get("cpu")).intValue());
        Map<String, Object> taint = (Map<String, Object>) triage.get("taint");
        assertEquals(((String) answer.get("taint")).replace("G", ""), taint.get("at_report"));
        assertTrue(((String) taint.get("letters")).replaceAll("[DL]", "").equals(taint.get("at_report")),
                "the mask adds only what the failure set (D, L): " + taint);
        assertTrue(digest.lines().count() <= 40, "the digest is longer than a screen:\n" + digest);
        assertTrue(digest.contains("Class: " + answer.get("class")), digest);
        assertTrue(digest.contains("Culprit: " + answer.get("culprit_function")), digest);
        List<String> evidence = (List<String>) triage.get("evidence");
        assertTrue(evidence.contains(answer.get("panic_line")), evidence.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    @SuppressWarnings("unchecked")
    void runsTheFollowUpsOfItsClass(CapturedCrash crash) {
        Map<String, Object> answer = crash.answer();
        Map<String, Object> triage = triage(crash);
        Map<String, Object> findings = (Map<String, Object>) triage.get("findings");
        String digest = (String) triage.get("digest");
        switch ((String) answer.get("class")) {
            case "hung_task" -> {
                assertTrue(crash.asked().contains("foreach UN bt"), crash.asked().toString());
                Map<String, Object> expected = (Map<String, Object>) answer.get("blocked_task");
                Map<String, Object> blocked = ((List<Map<String, Object>>) findings.get("blocked_tasks")).get(0);
                assertEquals(expected.get("comm"), blocked.get("command"));
                assertEquals(((Number) expected.get("pid")).longValue(), ((Number) blocked.get("pid")).longValue());
                assertEquals(expected.get("waits_in"), blocked.get("waits_in"));
                assertTrue(digest.contains("\"" + expected.get("comm") + "\" waits in " + expected.get("waits_in")), digest);
                boolean old = crash.version().compareTo("8.0.4") < 0;
                assertEquals(old ? "log" : "crash", blocked.get("source"));
                assertEquals(old, ((List<String>) triage.get("problems")).stream()
                        .anyMatch(p -> p.contains("blocked tasks cannot be seen with crash " + crash.version())), digest);
            }
            case "soft_lockup" -> {
                assertTrue(crash.asked().contains("bt -a"), crash.asked().toString());
                List<Map<String, Object>> cpus = (List<Map<String, Object>>) findings.get("cpus");
                assertEquals(2, cpus.size(), "both CPUs of the guest: " + cpus);
                Map<String, Object> stuck = cpus.stream().filter(c -> ((Number) c.get("cpu")).intValue()
                        == ((Number) answer.get("cpu")).intValue()).findFirst().orElseThrow();
                assertTrue(((List<String>) stuck.get("frames")).stream().anyMatch(f -> f.contains(
                        (String) answer.get("culprit_function"))), stuck.toString());
            }
            case "out_of_memory" -> {
                assertTrue(crash.asked().contains("ps -G"), crash.asked().toString());
                List<Map<String, Object>> slabs = (List<Map<String, Object>>) findings.get("slab_caches");
                assertEquals("dmz_zoo_hog", slabs.get(0).get("name"), "the module's own cache is the largest");
                assertFalse(((List<?>) findings.get("largest_tasks")).isEmpty());
                assertFalse(((Map<?, ?>) triage.get("memory")).isEmpty());
            }
            case "bug" -> {
                String oops = (String) answer.get("oops_line");
                assertEquals(oops.substring("kernel BUG at ".length(), oops.length() - 1), findings.get("bug_location"));
                assertTrue(digest.contains("BUG at " + findings.get("bug_location")), digest);
                fault(findings, answer);
            }
            case "null_pointer_dereference", "general_protection_fault", "divide_error" -> fault(findings, answer);
            case "init_killed" -> assertTrue(((String) ((Map<String, Object>) findings.get("exit")).get("meaning"))
                    .contains("exited with status 0"), findings.toString());
            case "sysrq" -> assertTrue(((String) findings.get("trigger")).contains("/proc/sysrq-trigger"),
                    findings.toString());
            default -> throw new AssertionError("a class the zoo does not have: " + answer.get("class"));
        }
    }

    @SuppressWarnings("unchecked")
    private static void fault(Map<String, Object> findings, Map<String, Object> answer) {
        Map<String, Object> fault = (Map<String, Object>) findings.get("fault");
        assertNotNull(fault, findings.toString());
        assertTrue(((String) fault.get("rip")).startsWith(answer.get("rip_function") + "+"), fault.toString());
        assertNotNull(fault.get("instruction"), fault.toString());
        assertNotNull(fault.get("source"), "dis -l gives the line once the module's symbols are loaded: " + fault);
        if (answer.get("class").equals("null_pointer_dereference")) {
            assertTrue(((String) answer.get("oops_line")).endsWith(((String) fault.get("address")).substring(2)),
                    fault.toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoDumpsOfOneBugShareASignatureAndEveryOtherCaseDiffers() {
        Map<String, Map<String, String>> byVersion = new HashMap<>();
        for (CapturedCrash crash : captures()) {
            Map<String, Object> signature = (Map<String, Object>) triage(crash).get("signature");
            byVersion.computeIfAbsent(crash.version(), v -> new HashMap<>()).put(crash.caseName(), (String) signature.get("id"));
            assertTrue(((String) signature.get("id")).matches("[0-9a-f]{12}"), signature.toString());
            assertFalse(((String) signature.get("basis")).matches(".*(0x[0-9a-f]+|\\+\\d).*"),
                    "no offsets or addresses: " + signature);
        }
        assertTrue(byVersion.size() >= 2, "captures of two crash versions: " + byVersion.keySet());
        Map<String, String> unwinderStops = byVersion.get("8.0.6");
        assertEquals(unwinderStops.get("sysrq"), unwinderStops.remove("sysrq-unwinder-stops"),
                "the same bug, whichever unwinder found its frames");
        for (Map<String, String> signatures : byVersion.values()) {
            assertEquals(signatures.get("null-deref"), signatures.get("null-deref-again"));
            Map<String, List<String>> casesBySignature = signatures.entrySet().stream().collect(Collectors.groupingBy(
                    Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            assertEquals(signatures.size() - 1, casesBySignature.size(),
                    "only the two null-deref dumps may share one: " + casesBySignature);
        }
        assertEquals(byVersion.get("8.0.2"), byVersion.get("8.0.6"), "the signature does not depend on crash's version");
    }

    /**
     * On some boots crash 8.0.6's default unwinder stops at panic() (the sysrq-unwinder-stops capture is the sysrq
     * case with what bt and bt -o printed on such a boot): triage reads bt -o, says so, and still finds the frames.
     */
    @Test
    @SuppressWarnings("unchecked")
    void whenTheDefaultUnwinderStopsAtPanicTheOldOneIsRead() {
        CapturedCrash crash = CapturedCrash.of("8.0.6", "sysrq-unwinder-stops");
        Map<String, Object> triage = triage(crash);
        assertTrue(crash.asked().contains("bt -o"), crash.asked().toString());
        List<Object> functions = ((List<Map<String, Object>>) triage.get("frames")).stream()
                .map(f -> f.get("function")).toList();
        assertTrue(functions.indexOf("write_sysrq_trigger") > functions.indexOf("sysrq_handle_crash"), functions.toString());
        assertTrue(((List<String>) triage.get("problems")).stream()
                .anyMatch(p -> p.startsWith("crash's default unwinder lost the panic's caller")));
        assertFalse(CapturedCrash.of("8.0.6", "sysrq").asked().contains("bt -o"), "a whole bt needs no second unwinder");
    }
}
