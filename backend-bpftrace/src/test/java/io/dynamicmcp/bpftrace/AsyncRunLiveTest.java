package io.dynamicmcp.bpftrace;

import static io.dynamicmcp.bpftrace.LiveBpftrace.call;
import static io.dynamicmcp.bpftrace.LiveBpftrace.entries;
import static io.dynamicmcp.bpftrace.LiveBpftrace.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** start_bpftrace / get_bpftrace_output / stop_bpftrace, ownership and limits, against the real bpftrace. */
class AsyncRunLiveTest extends LiveToolSetTest {

    private static final String TICKER = "BEGIN { printf(\"go\\n\"); } interval:ms:100 { @n = count(); }";

    @Override
    Map<String, String> settings() {
        return Map.of("BPFTRACE_MAX_RUNS", "2");
    }

    @AfterAll
    static void noOrphans() {
        assertEquals(List.of(), LiveBpftrace.bpftraceChildren(), "bpftrace processes left after the suite");
    }

    @Test
    void startPollStopPrintsTheMaps() throws Exception {
        ToolResult started = call(set, "start_bpftrace", Map.of("script",
                "BEGIN { printf(\"go\\n\"); } interval:ms:100 { @n = count(); @i++; if (@i == 2) { printf(\"two\\n\"); } }",
                "duration", 60));
        assertFalse(started.isError(), started.text());
        assertEquals(true, field(started, "running"));
        assertEquals(2L, field(started, "attached_probes"), "start returns once the probes are attached");
        String id = (String) field(started, "run_id");

        ToolResult polled = pollUntilOutput(id, "two\n");
        assertEquals("go\ntwo\n", field(polled, "output"));
        int next = (Integer) field(polled, "next_offset");
        ToolResult nothingNew = call(set, "get_bpftrace_output", Map.of("run_id", id, "offset", next));
        assertEquals("", field(nothingNew, "output"), "offset must skip what was already read");

        ToolResult stopped = call(set, "stop_bpftrace", Map.of("run_id", id, "offset", next));
        assertFalse(stopped.isError(), stopped.text());
        assertEquals("stopped", field(stopped, "status"));
        assertEquals(false, field(stopped, "running"));
        assertTrue(((Number) entries(stopped, "@n").get(0).get("value")).longValue() >= 2, stopped.text());
        assertEquals(List.of(), LiveBpftrace.bpftraceChildren());

        ToolResult again = call(set, "stop_bpftrace", Map.of("run_id", id));
        assertEquals("stopped", field(again, "status"), "stopping an ended run just reports it");
    }

    @Test
    void anotherCallersRunDoesNotExist() {
        ToolResult started = call(set, "start_bpftrace", Map.of("script", TICKER), "alice");
        String id = (String) field(started, "run_id");
        ToolException e = assertThrows(ToolException.class,
                () -> call(set, "get_bpftrace_output", Map.of("run_id", id), "mallory"));
        assertTrue(e.getMessage().contains("no such run"), e.getMessage());
        assertThrows(ToolException.class, () -> call(set, "stop_bpftrace", Map.of("run_id", id), "mallory"));
        assertEquals(true, field(call(set, "get_bpftrace_output", Map.of("run_id", id), "alice"), "running"));
    }

    @Test
    void concurrencyLimitIsEnforced() {
        call(set, "start_bpftrace", Map.of("script", TICKER), "a");
        call(set, "start_bpftrace", Map.of("script", TICKER), "b");
        ToolException e = assertThrows(ToolException.class,
                () -> call(set, "execute_bpftrace_script", Map.of("script", TICKER, "timeout", 1), "c"));
        assertTrue(e.getMessage().contains("BPFTRACE_MAX_RUNS=2") && e.getMessage().contains("stop_bpftrace"), e.getMessage());
        assertEquals(2, LiveBpftrace.bpftraceChildren().size());
    }

    @Test
    void callerEndedStopsItsRuns() throws Exception {
        String mine = (String) field(call(set, "start_bpftrace", Map.of("script", TICKER), "leaving"), "run_id");
        String theirs = (String) field(call(set, "start_bpftrace", Map.of("script", TICKER), "staying"), "run_id");
        set.callerEnded("leaving");
        assertThrows(ToolException.class, () -> call(set, "get_bpftrace_output", Map.of("run_id", mine), "leaving"));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (LiveBpftrace.bpftraceChildren().size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, LiveBpftrace.bpftraceChildren().size(), "the leaving caller's run is still alive");
        assertEquals(true, field(call(set, "get_bpftrace_output", Map.of("run_id", theirs), "staying"), "running"));
    }

    @Test
    void startReportsScriptErrorsAtOnce() {
        ToolResult result = call(set, "start_bpftrace", Map.of("script", "BEGIN { @x = nosuchfn(); }"));
        assertTrue(result.isError(), result.text());
        assertEquals("exited", field(result, "status"));
        assertTrue(result.text().contains("nosuchfn"), result.text());
    }

    @Test
    void durationEndsTheRun() throws Exception {
        String id = (String) field(call(set, "start_bpftrace", Map.of("script", TICKER, "duration", 1)), "run_id");
        ToolResult result = call(set, "get_bpftrace_output", Map.of("run_id", id));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((Boolean) field(result, "running") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            result = call(set, "get_bpftrace_output", Map.of("run_id", id));
        }
        assertEquals("timed_out", field(result, "status"));
        assertEquals(124, field(result, "exit_code"));
        assertTrue(((Number) entries(result, "@n").get(0).get("value")).longValue() > 0, result.text());
    }

    /** Polls until the output ends with {@code last} (a guard against hanging, not a timing assertion). */
    private ToolResult pollUntilOutput(String id, String last) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        ToolResult result = call(set, "get_bpftrace_output", Map.of("run_id", id));
        while (!((String) field(result, "output")).endsWith(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            result = call(set, "get_bpftrace_output", Map.of("run_id", id));
        }
        return result;
    }
}
