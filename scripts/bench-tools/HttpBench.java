import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streamable HTTP load, interleaved (A B A B ...): C concurrent clients, each with its own connection and MCP
 * session (initialize, notifications/initialized), then N tools/call each, all clients released at once.
 * Our server calls a cheap tool; the TypeScript reference server (streamableHttp mode) calls its echo tool.
 *   java HttpBench.java runs=R clients=C calls=N dist=DIST reference=INDEX_JS work=DIR
 * Prints a markdown table with targets.
 */
public final class HttpBench {

    static final String OUR_TOOL = "get_crash_info";
    static final String OUR_CALL = "{\"name\":\"" + OUR_TOOL + "\",\"arguments\":{}}";
    static final String REF_CALL = "{\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}}";

    record Run(double callsPerSecond, double p50, double p90, double p99, long errors, String firstError) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int runs = Integer.parseInt(options.get("runs"));
        int clients = Integer.parseInt(options.get("clients"));
        int calls = Integer.parseInt(options.get("calls"));
        Path work = Files.createDirectories(Path.of(options.get("work")).toAbsolutePath());

        int ourPort = freePort();
        ProcessBuilder ours = new ProcessBuilder(Path.of(options.get("dist"), "bin/dynamic-mcp-http").toString(),
                "--port", Integer.toString(ourPort)).redirectErrorStream(true)
                .redirectOutput(work.resolve("dynamic-mcp.log").toFile());
        ours.environment().put("DYNAMIC_MCP_STATE_DIR", Files.createTempDirectory(work, "state").toString());
        ours.environment().put("CRASH_DUMP_PATH", Files.createTempDirectory(work, "dumps").toString());
        ours.environment().put("LOG_LEVEL", "WARNING");
        int refPort = freePort();
        ProcessBuilder reference = new ProcessBuilder("node", options.get("reference"), "streamableHttp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        reference.environment().put("PORT", Integer.toString(refPort));

        Process ourProcess = ours.start();
        Process refProcess = reference.start();
        Map<String, List<Run>> results = new LinkedHashMap<>();
        try {
            Target ourTarget = new Target("dynamic-mcp", "http://127.0.0.1:" + ourPort + "/mcp", OUR_CALL);
            Target refTarget = new Target("reference", "http://127.0.0.1:" + refPort + "/mcp", REF_CALL);
            List<Target> targets = List.of(refTarget, ourTarget);
            for (Target target : targets) {
                target.awaitReady(Duration.ofSeconds(60));
                load(target, clients, Math.max(1, calls / 4)); // warm-up, not recorded
            }
            for (int run = 0; run < runs; run++) {
                System.err.printf("http bench: run %d of %d%n", run + 1, runs);
                for (Target target : targets) {
                    results.computeIfAbsent(target.name, k -> new ArrayList<>()).add(load(target, clients, calls));
                }
            }
        } finally {
            for (Process p : List.of(ourProcess, refProcess)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        report(results, clients, calls);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One server under load. */
    static final class Target {
        final String name;
        final URI uri;
        final String call;

        Target(String name, String uri, String call) {
            this.name = name;
            this.uri = URI.create(uri);
            this.call = call;
        }

        void awaitReady(Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                try {
                    new Session(this).close();
                    return;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(name + " did not answer at " + uri + " within " + limit, e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** One client: its own HttpClient (connection) and MCP session. */
    static final class Session implements AutoCloseable {
        private final Target target;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final String sessionId;
        private int nextId = 1;

        Session(Target target) throws IOException, InterruptedException {
            this.target = target;
            HttpResponse<String> init = post(null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
                    + "\"version\":\"1\"}}}");
            sessionId = init.headers().firstValue("mcp-session-id").orElseThrow(() -> new IOException(
                    target.name + ": no Mcp-Session-Id in the initialize answer: " + init.statusCode() + " " + init.body()));
            HttpResponse<String> initialized = post(sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            if (initialized.statusCode() / 100 != 2) {
                throw new IOException(target.name + ": notifications/initialized got " + initialized.statusCode());
            }
        }

        /** One tools/call; returns null on success, else what went wrong. */
        String call() throws InterruptedException {
            int id = nextId++;
            try {
                HttpResponse<String> response = post(sessionId, "{\"jsonrpc\":\"2.0\",\"id\":" + id
                        + ",\"method\":\"tools/call\",\"params\":" + target.call + "}");
                String body = response.body();
                if (response.statusCode() != 200) {
                    return "HTTP " + response.statusCode() + ": " + body;
                }
                if (!body.contains("\"result\"") || body.contains("\"isError\":true")) {
                    return "not a successful result: " + body;
                }
                return null;
            } catch (IOException e) {
                return e.toString();
            }
        }

        private HttpResponse<String> post(String session, String body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(target.uri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (session != null) {
                request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            try {
                if (sessionId != null) {
                    http.send(HttpRequest.newBuilder(target.uri).timeout(Duration.ofSeconds(10))
                            .header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", "2025-06-18")
                            .DELETE().build(), HttpResponse.BodyHandlers.discarding());
                }
            } catch (IOException | InterruptedException e) {
                // best effort: the session ends with the server anyway
            }
        }
    }

    private static Run load(Target target, int clients, int calls) throws Exception {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sessions.add(new Session(target));
        }
        CountDownLatch go = new CountDownLatch(1);
        long[][] latencies = new long[clients][calls];
        AtomicLong errors = new AtomicLong();
        List<String> firstError = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < calls; i++) {
                        long start = System.nanoTime();
                        String error = sessions.get(client).call();
                        latencies[client][i] = System.nanoTime() - start;
                        if (error != null) {
                            errors.incrementAndGet();
                            if (firstError.isEmpty()) {
                                firstError.add(error.length() > 300 ? error.substring(0, 300) : error);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sessions.forEach(Session::close);
        long[] all = new long[clients * calls];
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, c * calls, calls);
        }
        java.util.Arrays.sort(all);
        return new Run(all.length / seconds, percentile(all, 50), percentile(all, 90), percentile(all, 99),
                errors.get(), firstError.isEmpty() ? null : firstError.get(0));
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String stats(List<Run> runs, java.util.function.ToDoubleFunction<Run> field, String format) {
        List<Double> values = runs.stream().map(field::applyAsDouble).sorted().toList();
        return String.format(format + " [" + format + "–" + format + "]", median(values), values.get(0),
                values.get(values.size() - 1));
    }

    private static double medianOf(List<Run> runs, java.util.function.ToDoubleFunction<Run> field) {
        return median(runs.stream().map(field::applyAsDouble).toList());
    }

    private static void report(Map<String, List<Run>> results, int clients, int calls) {
        System.out.printf("| server (%d clients × %d `tools/call`) | tool | calls/s | p50 ms | p90 ms | p99 ms | errors |%n",
                clients, calls);
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Run>> entry : results.entrySet()) {
            List<Run> runs = entry.getValue();
            long errors = runs.stream().mapToLong(Run::errors).sum();
            String first = runs.stream().map(Run::firstError).filter(e -> e != null).findFirst().orElse(null);
            System.out.printf("| %s | %s | %s | %s | %s | %s | %d%s |%n", entry.getKey(),
                    entry.getKey().equals("reference") ? "`echo`" : "`" + OUR_TOOL + "`",
                    stats(runs, Run::callsPerSecond, "%.0f"), stats(runs, Run::p50, "%.1f"),
                    stats(runs, Run::p90, "%.1f"), stats(runs, Run::p99, "%.1f"), errors,
                    first == null ? "" : " (first: " + first.replace('|', '/').replace('\n', ' ') + ")");
        }
        List<Run> ours = results.get("dynamic-mcp");
        List<Run> ref = results.get("reference");
        double throughput = medianOf(ours, Run::callsPerSecond) / medianOf(ref, Run::callsPerSecond);
        double p99 = medianOf(ours, Run::p99) / medianOf(ref, Run::p99);
        long errors = ours.stream().mapToLong(Run::errors).sum();
        System.out.println();
        System.out.println("| figure | dynamic-mcp ÷ reference | target | met? |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| throughput | %.2f× | ≥ 2× | %s |%n", throughput, throughput >= 2 ? "yes" : "**NO**");
        System.out.printf("| p99 latency | %.2f× | ≤ 1× | %s |%n", p99, p99 <= 1 ? "yes" : "**NO**");
        System.out.printf("| errors (dynamic-mcp) | %d | 0 | %s |%n", errors, errors == 0 ? "yes" : "**NO**");
    }
}
