package io.dynamicmcp.bpftrace;

import static io.dynamicmcp.bpftrace.LiveBpftrace.call;
import static io.dynamicmcp.bpftrace.LiveBpftrace.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.testkit.HostedProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** get_bpftrace_info, validate_bpftrace_script and list_bpftrace_probes against the real bpftrace. */
class InspectToolsLiveTest {

    @TempDir
    Path state;

    private HostedProvider bpftrace;
    private ToolSet set;

    @BeforeEach
    void open() throws Exception {
        bpftrace = HostedProvider.open(new BpftraceToolProvider(), Map.of(), state);
        set = bpftrace.set();
    }

    @AfterEach
    void close() {
        bpftrace.close();
    }

    @Test
    void infoDescribesTheHost() {
        LiveBpftrace.assumeRunnable();
        ToolResult info = call(set, "get_bpftrace_info", Map.of());
        assertEquals(true, field(info, "available"), info.text());
        assertTrue(((String) field(info, "version")).startsWith("bpftrace v"), info.text());
        assertEquals(true, field(info, "running_as_root"));
        assertEquals(Files.exists(Path.of("/sys/kernel/btf/vmlinux")), field(info, "btf"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> features = (Map<String, Map<String, String>>) field(info, "features");
        assertEquals("yes", features.get("Probe types").get("tracepoint"), info.text());
    }

    @Test
    void infoExplainsAMissingBinary() throws Exception {
        bpftrace.close();
        bpftrace = HostedProvider.open(new BpftraceToolProvider(), Map.of("BPFTRACE_BINARY", "/nonexistent/bpftrace"), state);
        set = bpftrace.set();
        ToolResult info = call(set, "get_bpftrace_info", Map.of());
        assertEquals(false, field(info, "available"));
        assertTrue(info.text().contains("apt-get install bpftrace"), info.text());
        ToolException e = assertThrows(ToolException.class,
                () -> call(set, "execute_bpftrace_script", Map.of("script", "BEGIN { exit(); }")));
        assertTrue(e.getMessage().contains("not available") && e.getMessage().contains("BPFTRACE_BINARY"), e.getMessage());
    }

    @Test
    void validateAcceptsAGoodScriptWithoutRunningIt() {
        LiveBpftrace.assumeRunnable();
        ToolResult result = call(set, "validate_bpftrace_script",
                Map.of("script", "BEGIN { printf(\"must not print\\n\"); exit(); }"));
        assertEquals(true, field(result, "valid"), result.text());
        assertFalse(result.text().contains("must not print"));
        assertEquals("dry_run", bpftrace.context().auditEvents().get(0).get("verdict"));
    }

    @Test
    void validateReportsLineAndColumn() {
        LiveBpftrace.assumeTracefs();
        ToolResult result = call(set, "validate_bpftrace_script", Map.of("script",
                "tracepoint:syscalls:sys_enter_openat {\n  @[args->nosuchfield] = count();\n}"));
        assertEquals(false, field(result, "valid"), result.text());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) field(result, "diagnostics")).get(0);
        assertEquals(2, first.get("line"));
        assertEquals(3, first.get("column"), "bpftrace marks the map expression");
        assertTrue(((String) first.get("message")).contains("nosuchfield"), first.toString());
    }

    @Test
    void validateRefusesUnsafeBuiltins() {
        LiveBpftrace.assumeRunnable();
        ToolResult result = call(set, "validate_bpftrace_script", Map.of("script", "BEGIN { system(\"id\"); }"));
        assertEquals(false, field(result, "valid"));
        assertTrue(result.text().contains("BPFTRACE_ALLOW_UNSAFE"), result.text());
    }

    @Test
    void listProbesWithACapAndArguments() {
        LiveBpftrace.assumeTracefs();
        ToolResult result = call(set, "list_bpftrace_probes", Map.of("filter", "tracepoint:sched:*", "max", 3));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> probes = (List<Map<String, Object>>) field(result, "probes");
        assertEquals(3, probes.size());
        assertTrue((Integer) field(result, "total_matched") > 3, result.text());
        assertEquals(true, field(result, "truncated"));
        assertTrue(probes.stream().allMatch(p -> ((String) p.get("name")).startsWith("tracepoint:sched:")), result.text());

        ToolResult verbose = call(set, "list_bpftrace_probes",
                Map.of("filter", "tracepoint:syscalls:sys_enter_openat", "arguments", true));
        @SuppressWarnings("unchecked")
        Map<String, Object> openat = ((List<Map<String, Object>>) field(verbose, "probes")).get(0);
        assertEquals("tracepoint:syscalls:sys_enter_openat", openat.get("name"));
        assertTrue(((List<?>) openat.get("arguments")).contains("const char * filename"), verbose.text());
    }

    @Test
    void listProbesRejectsOptionsAndUnknownTypes() {
        assertThrows(ToolException.class, () -> call(set, "list_bpftrace_probes", Map.of("filter", "--unsafe")));
        assertThrows(ToolException.class, () -> call(set, "list_bpftrace_probes", Map.of("filter", "a;rm -rf /")));
        ToolException e = assertThrows(ToolException.class,
                () -> call(set, "list_bpftrace_probes", Map.of("filter", "nosuchtype:x")));
        assertTrue(e.getMessage().contains("unknown probe type"), e.getMessage());
    }
}
