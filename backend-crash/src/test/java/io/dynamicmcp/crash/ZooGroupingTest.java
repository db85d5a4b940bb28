package io.dynamicmcp.crash;

import static io.dynamicmcp.crash.RealDumpTest.crashChildren;
import static io.dynamicmcp.crash.RealDumpTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.triage.BackgroundTriage;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.testkit.HostedProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * group_crash_dumps on the panic zoo with the real crash and the real triage, worked out in the background: the two
 * null-deref dumps (two boots of one bug) form one group, every other case a group of its own.
 */
class ZooGroupingTest {

    private Path state;
    private HostedProvider crash;

    @BeforeEach
    void open() throws Exception {
        Optional<Path> root = TestDump.root();
        Assumptions.assumeTrue(root.isPresent(), TestDump.MISSING);
        Optional<Path> zoo = ZooDumps.zoo();
        Assumptions.assumeTrue(zoo.isPresent(), ZooDumps.MISSING);
        state = Files.createTempDirectory("crash-zoo-grouping");
        crash = HostedProvider.open(new CrashToolProvider(), Map.of(
                CrashSettings.BINARY, TestDump.crashBinary().orElseThrow().toString(),
                CrashSettings.DUMP_PATH, zoo.get().resolve("crash").toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, root.get().resolve("debug/usr/lib/debug").toString(),
                CrashSettings.KERNEL_PATH, root.get().resolve("boot").toString()), state);
    }

    @AfterEach
    void close() {
        if (crash != null) {
            crash.close();
            assertEquals(List.of(), crashChildren(), "crash processes outlived close()");
            BadDumpTest.delete(state);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void nullDerefAndNullDerefAgainShareOneBugAndTheRestStandApart() throws Exception {
        Tool group = tool("group_crash_dumps");
        Map<String, Object> asked = ok(call(group, Map.of()));
        assertEquals(10, asked.get("considered"));
        assertTrue((Integer) asked.get("waiting") > 0, "nothing was set to work: " + asked);

        ToolResult answer = call(group, Map.of("wait", 600));
        Map<String, Object> grouped = ok(answer);
        System.err.println("group_crash_dumps on the zoo:\n" + answer.text());
        OutputSchemaCheck.assertMatches(group, grouped);
        assertEquals(10, grouped.get("signed"), grouped.toString());
        assertEquals(0, grouped.get("failed"), String.valueOf(grouped.get("failures")));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) grouped.get("groups");
        assertEquals(9, groups.size(), groups.toString());
        Map<String, Object> bug = groups.get(0);
        assertEquals(2, bug.get("dumps"));
        assertEquals("null_pointer_dereference", bug.get("class"));
        assertEquals("dmz_zoo_null_deref [dmz_zoo]", bug.get("culprit"));
        assertEquals(Set.of("null-deref/vmcore", "null-deref-again/vmcore"), Set.copyOf((List<String>) bug.get("newest_dumps")));
        assertTrue(groups.stream().skip(1).allMatch(g -> g.get("dumps").equals(1)), groups.toString());
        Set<String> classes = groups.stream().map(g -> (String) g.get("class")).collect(Collectors.toSet());
        assertTrue(classes.containsAll(Set.of("bug", "general_protection_fault", "divide_error", "soft_lockup",
                "hung_task", "out_of_memory", "init_killed", "sysrq")), classes.toString());

        Map<String, Object> listed = ok(call(tool("list_crash_dumps"), Map.of("signature", bug.get("signature"))));
        assertEquals(2, ((List<?>) listed.get("dumps")).size());
        Map<String, Object> triage = (Map<String, Object>) ((List<Map<String, Object>>) listed.get("dumps")).get(0)
                .get("triage");
        assertEquals(bug.get("signature"), triage.get("signature"), "the background triage is not kept with the dump");
        assertTrue(crash.context().auditEvents().stream().anyMatch(e -> BackgroundTriage.CALLER.equals(e.get("caller"))),
                "the server's own triage commands were not audited");
        assertEquals(List.of(), crashChildren(), "a background crash process outlived its triage");
    }

    private Tool tool(String name) {
        return crash.tool(name);
    }

    private ToolResult call(Tool tool, Map<String, Object> arguments) {
        return crash.call(tool.name(), arguments);
    }
}
