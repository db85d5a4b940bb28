import io.dynamicmcp.testkit.StdioMcpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up and idle memory of stdio MCP servers, interleaved (A B A B ...): for each run, the time from process start
 * to the initialize answer, then (the client sends notifications/initialized and tools/list as soon as it has that
 * answer, as clients do) to the tools/list answer, which is when a client can first use a tool; then the resident set
 * size one second later. Also the CPU time (user and system, all threads) the server had used when it answered
 * tools/list: steadier than wall-clock time on a shared machine, and what start-up costs the host.
 * Usage, on the distribution's class path (Jackson) and the test kit's (its MCP client):
 *   java -cp 'DIST/lib/*:TESTKIT_JAR' StartupBench.java RUNS NAME=COMMAND [NAME=COMMAND ...]   (COMMAND split on spaces)
 * Prints one line per server: name, median/min/max ms to initialize, median/min/max RSS KiB, median/min/max ms to
 * tools/list, median/min/max ms of CPU at the tools/list answer.
 */
public final class StartupBench {

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Map<String, List<String>> servers = new LinkedHashMap<>();
        for (String spec : Arrays.copyOfRange(args, 1, args.length)) {
            int eq = spec.indexOf('=');
            servers.put(spec.substring(0, eq), List.of(spec.substring(eq + 1).split(" ")));
        }
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        Map<String, List<Double>> listed = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        servers.keySet().forEach(name -> {
            millis.put(name, new ArrayList<>());
            rss.put(name, new ArrayList<>());
            listed.put(name, new ArrayList<>());
            cpu.put(name, new ArrayList<>());
        });
        for (Map.Entry<String, List<String>> server : servers.entrySet()) {
            measure(server.getValue()); // warm-up: file cache, JIT of nothing; not recorded
        }
        for (int run = 0; run < runs; run++) {
            for (Map.Entry<String, List<String>> server : servers.entrySet()) {
                double[] result = measure(server.getValue());
                millis.get(server.getKey()).add(result[0]);
                rss.get(server.getKey()).add(result[1]);
                listed.get(server.getKey()).add(result[2]);
                cpu.get(server.getKey()).add(result[3]);
            }
        }
        for (String name : servers.keySet()) {
            System.out.printf("%s %s %s %s %s%n", name, stats(millis.get(name)), stats(rss.get(name)), stats(listed.get(name)),
                    stats(cpu.get(name)));
        }
    }

    private static double[] measure(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        try (StdioMcpClient server = StdioMcpClient.start(builder, Duration.ofSeconds(120))) {
            try {
                server.initialize(); // sends notifications/initialized as soon as it has the answer
                long elapsed = System.nanoTime() - start;
                server.request("tools/list", null);
                long toList = System.nanoTime() - start;
                double cpuMillis = cpuMillis(server.pid());
                Thread.sleep(1000);
                double kib = residentKib(server.pid());
                return new double[] {elapsed / 1e6, kib, toList / 1e6, cpuMillis};
            } finally {
                server.process().descendants().forEach(ProcessHandle::destroyForcibly);
                server.process().destroyForcibly();
            }
        }
    }

    /** utime + stime of the process (all its threads, live and ended), from /proc/PID/stat, in ms (10 ms ticks). */
    private static double cpuMillis(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }

    private static double residentKib(long pid) throws Exception {
        long total = 0;
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        for (long p : pids) {
            for (String line : Files.readAllLines(Path.of("/proc/" + p + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return total;
    }

    private static String stats(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return String.format("%.0f %.0f %.0f", median, sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
