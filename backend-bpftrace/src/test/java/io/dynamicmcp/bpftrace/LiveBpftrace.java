package io.dynamicmcp.bpftrace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.testkit.HostedProvider;
import io.dynamicmcp.testkit.TestToolCall;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Checks, once, that the real bpftrace can run here; tests skip loudly, naming what is missing, when not. */
final class LiveBpftrace {

    private static String missing;
    private static boolean checked;

    private LiveBpftrace() {
    }

    /** Skips the calling test unless bpftrace runs BPF programs on this kernel as root. */
    static synchronized void assumeRunnable() {
        if (!checked) {
            missing = findMissing();
            checked = true;
            if (missing != null) {
                System.err.println("SKIPPING real bpftrace tests: " + missing);
            }
        }
        assumeTrue(missing == null, () -> "real bpftrace tests skipped: " + missing);
    }

    /** Skips the calling test unless tracefs is mounted (tracepoints). */
    static void assumeTracefs() {
        assumeRunnable();
        assumeTrue(HostFacts.tracefsMounted(), "tracepoint tests skipped: tracefs is not mounted; run "
                + HostFacts.MOUNT_TRACEFS + " (and " + HostFacts.MOUNT_DEBUGFS + ")");
    }

    private static String findMissing() {
        if (HostFacts.findBinary("bpftrace").isEmpty()) {
            return "bpftrace is not installed (apt-get install -y bpftrace)";
        }
        if (!HostFacts.isRoot()) {
            return "the tests do not run as root (uid " + HostFacts.effectiveUid() + "); bpftrace needs root";
        }
        try {
            Process p = new ProcessBuilder("bpftrace", "-e", "BEGIN { printf(\"ok\\n\"); exit(); }")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "bpftrace did not finish a BEGIN probe within 60 s";
            }
            String out = new String(p.getInputStream().readAllBytes());
            if (p.exitValue() != 0 || !out.contains("ok")) {
                return "the kernel refused to run a BPF program (exit " + p.exitValue() + "): " + out.trim();
            }
            return null;
        } catch (IOException e) {
            return "cannot start bpftrace: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static ToolResult call(ToolSet set, String tool, Map<String, Object> arguments) {
        return call(set, tool, arguments, "test-caller");
    }

    /**
     * Calls a tool, letting its {@code ToolException} through; a successful result must match the tool's output schema,
     * as the host checks it before sending.
     */
    static ToolResult call(ToolSet set, String tool, Map<String, Object> arguments, String caller) {
        Tool found = set.tools().stream().filter(t -> t.name().equals(tool)).findFirst().orElseThrow();
        ToolResult result = found.handler().call(new TestToolCall(tool, arguments, caller));
        if (!result.isError() && found.outputSchema().isPresent()) {
            HostedProvider.assertMatchesOutputSchema(found, result.structured().orElseThrow(
                    () -> new AssertionError(tool + " has an output schema but gave no structured result: " + result.text())));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(ToolResult result) {
        return (List<Map<String, Object>>) result.structured().orElseThrow().get("maps");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(ToolResult result, String map) {
        return maps(result).stream().filter(m -> m.get("name").equals(map)).reduce((a, b) -> b)
                .map(m -> (List<Map<String, Object>>) m.get("entries"))
                .orElseThrow(() -> new AssertionError("no map " + map + " in " + result.text()));
    }

    static Object field(ToolResult result, String name) {
        return result.structured().orElseThrow().get(name);
    }

    /** bpftrace processes that are descendants of this JVM. */
    static List<ProcessHandle> bpftraceChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("bpftrace")).orElse(false)).toList();
    }
}
