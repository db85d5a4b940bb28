import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.StdioMcpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * bpftrace run overhead, interleaved (A B A B ...): each script through execute_bpftrace_script of the real
 * stdio server (call sent → answer), then run by bpftrace directly ({@code bpftrace -f json -e SCRIPT}, process
 * start → exit, output read). Needs root and bpftrace. Run on the distribution's class path (Jackson) and the test
 * kit's (its MCP client):
 *   java -cp 'DIST/lib/*:TESTKIT_JAR' BpftraceBench.java runs=N dist=DIST work=DIR
 * Prints a markdown table with targets.
 */
public final class BpftraceBench {

    private static final Map<String, String> SCRIPTS = new LinkedHashMap<>();

    static {
        SCRIPTS.put("BEGIN { printf(\"hello\\n\"); exit(); }", "hello");
        SCRIPTS.put("interval:ms:500 { printf(\"tick\\n\"); exit(); }", "tick");
        SCRIPTS.put("tracepoint:syscalls:sys_enter_openat { @opens[comm] = count(); } interval:ms:500 { exit(); }",
                "@opens");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int runs = Integer.parseInt(options.get("runs"));
        Path dist = Path.of(options.get("dist"));
        Path work = Files.createDirectories(Path.of(options.get("work")).toAbsolutePath());
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/dynamic-mcp").toString())
                .redirectError(work.resolve("server.err").toFile());
        builder.environment().put("DYNAMIC_MCP_STATE_DIR", Files.createTempDirectory(work, "state").toString());
        builder.environment().put("CRASH_DUMP_PATH", Files.createTempDirectory(work, "dumps").toString());
        builder.environment().put("LOG_LEVEL", "WARNING");
        Map<String, List<Double>> ours = new LinkedHashMap<>();
        Map<String, List<Double>> direct = new LinkedHashMap<>();
        try (StdioMcpClient client = StdioMcpClient.start(builder, Duration.ofMinutes(15))) {
            client.initialize();
            for (String script : SCRIPTS.keySet()) { // warm-up, not recorded
                viaServer(client, script);
                directly(script);
            }
            for (int run = 0; run < runs; run++) {
                System.err.printf("bpftrace bench: run %d of %d%n", run + 1, runs);
                for (String script : SCRIPTS.keySet()) {
                    ours.computeIfAbsent(script, k -> new ArrayList<>()).add(viaServer(client, script));
                    direct.computeIfAbsent(script, k -> new ArrayList<>()).add(directly(script));
                }
            }
        }
        System.out.println("| script | `execute_bpftrace_script`, ms (median [min–max]) | `bpftrace -f json -e` directly, "
                + "ms | ratio | target | met? |");
        System.out.println("|---|---|---|---|---|---|");
        for (String script : SCRIPTS.keySet()) {
            double ratio = median(ours.get(script)) / median(direct.get(script));
            System.out.printf("| `%s` | %s | %s | %.2f× | ≤ 1.05× | %s |%n", script, stats(ours.get(script)),
                    stats(direct.get(script)), ratio, ratio <= 1.05 ? "yes" : "**NO**");
        }
    }

    private static double viaServer(StdioMcpClient client, String script) throws IOException {
        long start = System.nanoTime();
        JsonNode result = client.callToolOk("execute_bpftrace_script", Map.of("script", script, "timeout", 30));
        double ms = (System.nanoTime() - start) / 1e6;
        JsonNode structured = result.path("structuredContent");
        if (structured.path("exit_code").asInt(-1) != 0 || !result.toString().contains(SCRIPTS.get(script))) {
            throw new IllegalStateException("execute_bpftrace_script did not run '" + script + "': " + result);
        }
        return ms;
    }

    private static double directly(String script) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bpftrace", "-f", "json", "-e", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - start) / 1e6;
        if (p.exitValue() != 0 || !out.contains(SCRIPTS.get(script))) {
            throw new IllegalStateException("bpftrace did not run '" + script + "': " + out);
        }
        return ms;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String stats(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return String.format("%.0f [%.0f–%.0f]", median(values), sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
