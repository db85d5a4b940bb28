package io.dynamicmcp.bpftrace;

import static io.dynamicmcp.bpftrace.LiveBpftrace.call;
import static io.dynamicmcp.bpftrace.LiveBpftrace.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each kept run's output as a resource, against the real bpftrace: listed, read by its owner only, changes told. */
class RunResourcesLiveTest extends LiveToolSetTest {

    private ResourceSource outputs() {
        assertEquals(1, set.resources().size());
        return set.resources().get(0);
    }

    private List<String> uris() {
        return outputs().lister().list().stream().map(ResourceSource.Resource::uri).toList();
    }

    @Test
    void aBackgroundRunsOutputIsAResourceOfItsOwner() throws Exception {
        assertEquals("bpftrace-run://{id}/output", outputs().uriTemplate());
        assertEquals(List.of(), uris());
        context.forgetResourceChanges();
        // no exit(): a Ctrl-C racing bpftrace's own exit can drop a printf it had not yet read from its ring buffer;
        // and a timer: bpftrace 0.17 with a BEGIN probe alone sometimes ignored the Ctrl-C
        ToolResult started = call(set, "start_bpftrace", Map.of("script",
                "BEGIN { printf(\"hello from bpftrace\\n\"); } interval:ms:100 { @seen = count(); }", "duration", 60),
                "alice");
        assertFalse(started.isError(), started.text());
        assertTrue(context.awaitResourcesChanged(60), "starting a run did not say the resources changed");
        String id = (String) field(started, "run_id");
        String uri = "bpftrace-run://" + id + "/output";
        assertEquals(List.of(uri), uris());
        awaitOutput(id, "hello from bpftrace");

        ToolResult stopped = call(set, "stop_bpftrace", Map.of("run_id", id), "alice");
        String text = outputs().reader().read(uri, "alice");
        assertEquals(stopped.text(), text, "the resource is what get_bpftrace_output gives from offset 0");
        assertTrue(text.contains("hello from bpftrace"), text);
        assertTrue(text.contains("@seen"), text);

        ToolException other = assertThrows(ToolException.class, () -> outputs().reader().read(uri, "bob"));
        assertTrue(other.getMessage().contains("no bpftrace run '" + id + "' of yours"), other.getMessage());
        ToolException malformed = assertThrows(ToolException.class, () -> outputs().reader().read("bpftrace-run://x", "alice"));
        assertTrue(malformed.getMessage().contains("bpftrace-run://{id}/output"), malformed.getMessage());

        context.forgetResourceChanges();
        set.callerEnded("alice");
        assertTrue(context.awaitResourcesChanged(60), "the end of its caller did not say the resources changed");
        assertEquals(List.of(), uris());
    }

    private void awaitOutput(String id, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String output = "";
        while (!output.contains(expected)) {
            assertTrue(System.nanoTime() < deadline, "the run never printed '" + expected + "': " + output);
            Thread.sleep(50);
            ToolResult polled = call(set, "get_bpftrace_output", Map.of("run_id", id), "alice");
            assertFalse(polled.isError(), polled.text());
            output = (String) field(polled, "output");
        }
    }

    @Test
    void aSynchronousRunIsForgottenOnceItsResultIsDelivered() throws Exception {
        ToolResult result = call(set, "execute_bpftrace_script",
                Map.of("script", "BEGIN { printf(\"once\\n\"); exit(); }"), "alice");
        assertFalse(result.isError(), result.text());
        assertEquals(List.of(), uris());
    }
}
