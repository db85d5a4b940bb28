package io.dynamicmcp.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.StdioMcpClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bpftrace tools through the real server process, on the running kernel. */
class BpftraceEndToEndIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRootAndBpftrace() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "bpftrace runs only as root; run the tests as root to trace the live kernel");
        Assumptions.assumeTrue(Path.of("/usr/bin/bpftrace").toFile().canExecute(),
                "bpftrace is not installed: apt-get install bpftrace");
    }

    @Test
    void infoValidateRunAndBackgroundRunThroughTheServer() throws Exception {
        try (StdioMcpClient server = Launcher.start(dir, Map.of())) {
            server.initialize();
            JsonNode info = server.callTool("get_bpftrace_info", Map.of()).at("/result/structuredContent");
            Assumptions.assumeTrue(info.path("available").asBoolean(), "bpftrace cannot run here: " + info);

            JsonNode invalid = server.callTool("validate_bpftrace_script", Map.of("script", "BEGIN { printf(\"x\" }"));
            assertFalse(invalid.at("/result/structuredContent/valid").asBoolean(), invalid.toString());
            assertEquals(1, invalid.at("/result/structuredContent/diagnostics/0/line").asInt(), invalid.toString());

            JsonNode run = server.callTool("execute_bpftrace_script",
                    Map.of("script", "BEGIN { @n[\"calls\"] = count(); printf(\"hello from the kernel\\n\"); exit(); }"));
            JsonNode result = run.at("/result/structuredContent");
            assertFalse(run.at("/result/isError").asBoolean(), run.toString());
            assertEquals(0, result.get("exit_code").asInt());
            assertTrue(result.get("output").toString().contains("hello from the kernel"), result.toString());
            assertTrue(result.get("maps").toString().contains("calls"), result.toString());

            JsonNode unsafe = server.callTool("execute_bpftrace_script", Map.of("script", "BEGIN { system(\"id\"); exit(); }"));
            assertTrue(unsafe.at("/result/isError").asBoolean(), unsafe.toString());

            JsonNode started = server.callTool("start_bpftrace",
                    Map.of("script", "interval:ms:100 { @ticks = count(); }", "duration", 60));
            String id = started.at("/result/structuredContent/run_id").asText();
            assertFalse(id.isBlank(), started.toString());
            JsonNode stopped = server.callTool("stop_bpftrace", Map.of("run_id", id));
            assertTrue(stopped.at("/result/structuredContent/maps").toString().contains("@ticks"), stopped.toString());

            server.closeInput();
            assertEquals(0, server.awaitExit(), server.stderr());
            assertEquals(0, ProcessHandle.of(server.pid()).map(p -> p.descendants().count()).orElse(0L));
        }
    }
}
