package io.dynamicmcp.bpftrace;

import static io.dynamicmcp.bpftrace.LiveBpftrace.call;
import static io.dynamicmcp.bpftrace.LiveBpftrace.entries;
import static io.dynamicmcp.bpftrace.LiveBpftrace.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.testkit.HostedProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** execute_bpftrace_script against the real bpftrace and the running kernel. */
class ExecuteScriptLiveTest extends LiveToolSetTest {

    @Test
    void beginPrintfExit() throws IOException {
        ToolResult result = call(set, "execute_bpftrace_script",
                Map.of("script", "BEGIN { printf(\"hello %d\\n\", 42); exit(); }"));
        assertFalse(result.isError(), result.text());
        assertEquals("hello 42\n", field(result, "output"));
        assertEquals(0, field(result, "exit_code"));
        assertEquals("exited", field(result, "status"));
        assertEquals(1L, field(result, "attached_probes"));
        assertTrue(result.text().contains("hello 42"), result.text());

        Map<String, Object> audit = context.auditEvents().get(0);
        assertEquals("execute_bpftrace_script", audit.get("tool"));
        assertEquals("ran", audit.get("verdict"));
        assertEquals(Script.of("BEGIN { printf(\"hello %d\\n\", 42); exit(); }").sha256(), audit.get("script_sha256"));
        try (var left = Files.list(state.resolve("scripts"))) {
            assertEquals(0, left.count(), "the script file was not deleted");
        }
    }

    @Test
    void tracepointCountEndedByInterval() throws Exception {
        LiveBpftrace.assumeTracefs();
        AtomicBoolean stop = new AtomicBoolean();
        Thread opener = new Thread(() -> {
            while (!stop.get()) {
                try {
                    Files.readAllBytes(Path.of("/proc/self/stat"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }, "opener");
        opener.start();
        try {
            ToolResult result = call(set, "execute_bpftrace_script", Map.of("script",
                    "tracepoint:syscalls:sys_enter_openat { @c[comm] = count(); } interval:s:1 { exit(); }"));
            assertFalse(result.isError(), result.text());
            assertEquals(0, field(result, "exit_code"));
            assertEquals(2L, field(result, "attached_probes"));
            List<Map<String, Object>> counts = entries(result, "@c");
            long opens = counts.stream().mapToLong(e -> ((Number) e.get("value")).longValue()).sum();
            assertTrue(opens > 0, "no openat counted: " + result.text());
            assertTrue(counts.stream().anyMatch(e -> "opener".equals(e.get("key"))),
                    "the test's own opener thread is missing: " + result.text());
        } finally {
            stop.set(true);
            opener.join();
        }
    }

    @Test
    void histogramsComeBackAsBuckets() {
        ToolResult result = call(set, "execute_bpftrace_script", Map.of("script",
                "BEGIN { @h = hist(5); @h = hist(100); @h = hist(100); @l = lhist(42, 0, 100, 10); exit(); }"));
        assertFalse(result.isError(), result.text());
        Map<String, Object> h = entries(result, "@h").get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) h.get("buckets");
        assertEquals(Map.of("min", 4L, "max", 7L, "count", 1L), buckets.get(0));
        assertEquals(Map.of("min", 64L, "max", 127L, "count", 2L), buckets.get(buckets.size() - 1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> linear = (List<Map<String, Object>>) entries(result, "@l").get(0).get("buckets");
        assertEquals(List.of(Map.of("min", 40L, "max", 49L, "count", 1L)), linear);
        assertTrue(result.text().contains("[64, 128)"), result.text());
    }

    @Test
    void timeoutStopsWithCtrlCAndKeepsTheMaps() {
        ToolResult result = call(set, "execute_bpftrace_script", Map.of("timeout", 2, "script",
                "BEGIN { printf(\"started\\n\"); } interval:ms:100 { @ticks = count(); }"));
        assertFalse(result.isError(), result.text());
        assertEquals(124, field(result, "exit_code"));
        assertEquals("timed_out", field(result, "status"));
        assertEquals(false, field(result, "killed"));
        assertEquals("started\n", field(result, "output"));
        long ticks = ((Number) entries(result, "@ticks").get(0).get("value")).longValue();
        assertTrue(ticks > 0, "the map printed after Ctrl-C is missing: " + result.text());
    }

    @Test
    void invalidScriptReportsLineAndColumn() {
        ToolResult result = call(set, "execute_bpftrace_script", Map.of("script", "BEGIN { exit(); }\nBEGIN { @x = ; }"));
        assertTrue(result.isError(), result.text());
        assertEquals(1, field(result, "exit_code"));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) field(result, "diagnostics")).get(0);
        assertEquals("error", first.get("severity"));
        assertEquals(2, first.get("line"));
        assertEquals(14, first.get("column"));
        assertTrue(((String) first.get("message")).contains("syntax error"), first.toString());
        assertFalse(result.text().contains(state.toString()), "the private script path leaked: " + result.text());
    }

    @Test
    void unsafeBuiltinIsRefusedAndExplained() {
        ToolResult result = call(set, "execute_bpftrace_script",
                Map.of("script", "BEGIN { system(\"touch /tmp/should-not-exist\"); exit(); }"));
        assertTrue(result.isError(), result.text());
        assertTrue(result.text().contains("unsafe function being used in safe mode"), result.text());
        assertTrue(result.text().contains("BPFTRACE_ALLOW_UNSAFE=true"), result.text());
        assertFalse(Files.exists(Path.of("/tmp/should-not-exist")));
    }

    @Test
    void cancellingTheCallStopsTheRun() throws Exception {
        io.dynamicmcp.spi.Tool execute = set.tools().stream()
                .filter(t -> t.name().equals("execute_bpftrace_script")).findFirst().orElseThrow();
        io.dynamicmcp.testkit.TestToolCall call = new io.dynamicmcp.testkit.TestToolCall("execute_bpftrace_script",
                Map.of("timeout", 600, "script", "BEGIN { printf(\"up\\n\"); } interval:ms:100 { @ticks = count(); }"));
        Thread canceller = new Thread(() -> {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (LiveBpftrace.bpftraceChildren().isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            call.cancel();
        });
        canceller.start();
        ToolResult result = execute.handler().call(call);
        canceller.join();
        assertEquals("cancelled", field(result, "status"), result.text());
        assertEquals(List.of(), LiveBpftrace.bpftraceChildren());
    }

    @Test
    void outputPastTheLimitStopsTheRun() throws Exception {
        hosted.close();
        hosted = HostedProvider.open(new BpftraceToolProvider(), Map.of("BPFTRACE_MAX_OUTPUT_BYTES", "4096"), state);
        set = hosted.set();
        ToolResult result = call(set, "execute_bpftrace_script", Map.of("timeout", 30, "script",
                "interval:ms:1 { printf(\"%s\\n\", \"0123456789012345678901234567890123456789\"); }"));
        assertEquals("output_limit", field(result, "status"));
        assertEquals(true, field(result, "truncated"));
        assertTrue(((String) field(result, "output")).length() <= 4096);
        assertTrue(result.text().contains("TRUNCATED"), result.text());
    }
}
