package io.dynamicmcp.bpftrace;

import static io.dynamicmcp.bpftrace.LiveBpftrace.call;
import static io.dynamicmcp.bpftrace.LiveBpftrace.entries;
import static io.dynamicmcp.bpftrace.LiveBpftrace.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.Prompt;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.testkit.HostedProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace_syscall_latency prompt's script really validates and runs on the live kernel, as the prompt says. */
class LatencyPromptLiveTest {

    @TempDir
    Path state;

    @Test
    void theProposedScriptValidatesAndRunsAndReturnsHistograms() throws Exception {
        LiveBpftrace.assumeRunnable();
        LiveBpftrace.assumeTracefs();
        try (HostedProvider bpftrace = HostedProvider.open(new BpftraceToolProvider(), Map.of(), state)) {
            ToolSet set = bpftrace.set();
            Prompt prompt = set.prompts().stream().filter(p -> p.name().equals("trace_syscall_latency")).findFirst()
                    .orElseThrow();
            String text = prompt.renderer().render(Map.of()).get(0).text();
            String script = text.substring(text.indexOf("```\n") + 4, text.lastIndexOf("```"));
            assertEquals(LatencyPrompt.script(null), script);

            assertEquals(true, field(call(set, "validate_bpftrace_script", Map.of("script", script)), "valid"));
            ToolResult run = call(set, "execute_bpftrace_script", Map.of("script", script, "timeout", 30));
            assertFalse(run.isError(), run.text());
            assertEquals(0, ((Number) field(run, "exit_code")).intValue(), run.text());
            List<Map<String, Object>> histograms = entries(run, "@usecs");
            assertFalse(histograms.isEmpty(), "no syscall was traced in five seconds: " + run.text());
            assertTrue(histograms.get(0).containsKey("buckets"), histograms.get(0).toString());
        }
    }

    @Test
    void aProcessNameThatIsNotACommandNameIsRefused() {
        Prompt prompt = new LatencyPrompt().prompt();
        assertThrows(ToolException.class, () -> prompt.renderer().render(Map.of("process", "x\" } BEGIN { system(\"id\")")));
        assertTrue(prompt.renderer().render(Map.of("process", "sshd")).get(0).text().contains("/comm == \"sshd\"/"));
    }
}
