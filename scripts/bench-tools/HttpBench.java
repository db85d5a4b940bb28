import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.HttpMcpClient;
import io.dynamicmcp.testkit.JsonRpc;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
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
 * Streamable HTTP load at both protocol revisions, interleaved (A B C D A B C D ...): C concurrent clients, each
 * with its own connection, then N tools/call each, all clients released at once. At 2025-11-25 each client first
 * opens an MCP session (initialize, notifications/initialized); at 2026-07-28 there is none: every call carries its
 * version and capabilities in _meta and the headers the revision requires. Our server calls a cheap tool; the
 * references call their echo tool: @modelcontextprotocol/server-everything (streamableHttp mode) at 2025-11-25, and
 * at 2026-07-28, which server-everything does not speak, the TypeScript SDK v2 server of reference-2026.mjs.
 * The load goes over plain keep-alive sockets ({@link Wire}), so that the generator takes as little as it can of the
 * CPU the servers share with it; each server's own CPU per call is reported beside its figures.
 * Run on the distribution's class path (Jackson) and the test kit's (its MCP client, which opens the sessions):
 *   java -cp 'DIST/lib/*:TESTKIT_JAR' HttpBench.java runs=R clients=C calls=N dist=DIST reference=INDEX_JS \
 *       reference2026=MJS work=DIR
 * Prints a markdown table with targets per revision.
 */
public final class HttpBench {

    static final String OUR_TOOL = "get_crash_info";
    static final String OUR_CALL = "{\"name\":\"" + OUR_TOOL + "\",\"arguments\":{}}";
    static final String REF_CALL = "{\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}}";
    static final String LEGACY = "2025-11-25";
    static final String MODERN = "2026-07-28";

    record Run(double callsPerSecond, double p50, double p90, double p99, double cpuMicrosPerCall, long errors,
            String firstError) {
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
        int ref2026Port = freePort();
        Path ref2026 = Path.of(options.get("reference2026"));
        ProcessBuilder reference2026 = new ProcessBuilder("node", ref2026.toString()).directory(ref2026.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("reference-2026.log").toFile());
        reference2026.environment().put("PORT", Integer.toString(ref2026Port));

        Process ourProcess = ours.start();
        Process refProcess = reference.start();
        Process ref2026Process = reference2026.start();
        Map<String, List<Run>> results = new LinkedHashMap<>();
        try {
            String our = "http://127.0.0.1:" + ourPort + "/mcp";
            List<Target> targets = List.of(
                    new Target("reference", LEGACY, "http://127.0.0.1:" + refPort + "/mcp", "echo", REF_CALL,
                            refProcess.toHandle()),
                    new Target("dynamic-mcp", LEGACY, our, OUR_TOOL, OUR_CALL, ourProcess.toHandle()),
                    new Target("reference", MODERN, "http://127.0.0.1:" + ref2026Port + "/mcp", "echo", REF_CALL,
                            ref2026Process.toHandle()),
                    new Target("dynamic-mcp", MODERN, our, OUR_TOOL, OUR_CALL, ourProcess.toHandle()));
            for (Target target : targets) {
                target.awaitReady(Duration.ofSeconds(60));
                load(target, clients, Math.max(1, calls / 4)); // warm-up, not recorded
            }
            for (int run = 0; run < runs; run++) {
                System.err.printf("http bench: run %d of %d%n", run + 1, runs);
                for (Target target : targets) {
                    results.computeIfAbsent(target.key(), k -> new ArrayList<>()).add(load(target, clients, calls));
                }
            }
        } finally {
            for (Process p : List.of(ourProcess, refProcess, ref2026Process)) {
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

    /** One server under load at one protocol revision. */
    static final class Target {
        final String name;
        final String revision;
        final URI uri;
        final URI base;
        final String tool;
        final JsonNode call;
        final ProcessHandle server;

        Target(String name, String revision, String uri, String tool, String call, ProcessHandle server) {
            this.name = name;
            this.revision = revision;
            this.uri = URI.create(uri);
            this.base = this.uri.resolve("/");
            this.tool = tool;
            this.call = JsonRpc.parse(call); // once, not once per call
            this.server = server;
        }

        /** CPU the server's processes have used so far (user and system), in microseconds. */
        long cpuMicros() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(server), server.descendants())
                    .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1000).sum();
        }

        String key() {
            return name + " " + revision;
        }

        Client connect() throws IOException {
            return MODERN.equals(revision) ? new StatelessClient(this) : new Session(this);
        }

        void awaitReady(Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                try {
                    Client client = connect();
                    String error = client.call();
                    client.close();
                    if (error != null) {
                        throw new IOException(key() + ": " + error);
                    }
                    return;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(key() + " did not answer at " + uri + " within " + limit, e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** One client with its own HttpClient (connection). */
    interface Client extends AutoCloseable {

        /** One tools/call; returns null on success, else what went wrong. */
        String call() throws InterruptedException;

        @Override
        void close();
    }

    /** A 2026-07-28 client: no session, every request carries its revision in _meta and in the headers. */
    static final class StatelessClient implements Client {
        private final Target target;
        private final Wire wire;
        private int nextId = 1;

        StatelessClient(Target target) throws IOException {
            this.target = target;
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("MCP-Protocol-Version", MODERN);
            headers.put("Mcp-Method", "tools/call");
            headers.put("Mcp-Name", target.call.get("name").asText());
            this.wire = new Wire(target.uri, headers);
        }

        @Override
        public String call() {
            return wire.verdict(HttpMcpClient.modernBody(nextId++, "tools/call", target.call));
        }

        @Override
        public void close() {
            wire.close();
        }
    }

    /** A 2025-11-25 client: an MCP session of its own, opened with the test kit's client, then used on a wire. */
    static final class Session implements Client {
        private final HttpMcpClient client;
        private final Target target;
        private final Wire wire;
        private int nextId = 1;

        Session(Target target) throws IOException {
            this.target = target;
            this.client = HttpMcpClient.of(target.base, connection()).waitingAtMost(Duration.ofSeconds(60));
            try {
                client.initialize(LEGACY);
            } catch (AssertionError e) {
                throw new IOException(target.name + ": " + e.getMessage(), e);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Mcp-Session-Id", client.sessionId());
            headers.put("MCP-Protocol-Version", LEGACY);
            this.wire = new Wire(target.uri, headers);
        }

        @Override
        public String call() {
            return wire.verdict(JsonRpc.request(nextId++, "tools/call", target.call));
        }

        @Override
        public void close() {
            wire.close();
            client.close(); // ends the session (best effort: it ends with the server anyway)
        }
    }

    /** A connection of its own: HTTP/1.1, as the references speak. */
    private static HttpClient connection() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * One keep-alive HTTP/1.1 connection on a plain socket, driven as wrk drives one: the request head is made once,
     * each call writes it with its body and reads the answer (by Content-Length or by chunks). The JDK's HttpClient
     * spent about as much CPU per call as the servers under test, on the same two cores.
     */
    static final class Wire implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String head;

        Wire(URI uri, Map<String, String> headers) throws IOException {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            StringBuilder text = new StringBuilder("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost()).append(':').append(uri.getPort())
                    .append("\r\nAccept: ").append(HttpMcpClient.ACCEPT)
                    .append("\r\nContent-Type: application/json\r\n");
            headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
            head = text.append("Content-Length: ").toString();
        }

        /** Posts {@code body}; null for a successful tool result (a JSON body or an event stream), else what went wrong. */
        String verdict(String body) {
            try {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                out.write((head + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                String status = line();
                int length = -1;
                boolean chunked = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    String lower = header.toLowerCase(java.util.Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(lower.substring(15).trim());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    }
                }
                String answer = chunked ? chunks() : length >= 0 ? new String(in.readNBytes(length), StandardCharsets.UTF_8)
                        : "(neither Content-Length nor chunked)";
                if (!status.startsWith("HTTP/1.1 200")) {
                    return status + ": " + answer;
                }
                if (!answer.contains("\"result\"") || answer.contains("\"isError\":true")) {
                    return "not a successful result: " + answer;
                }
                return null;
            } catch (IOException | RuntimeException e) {
                return e.toString();
            }
        }

        private String chunks() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers carry nothing we need
            }
            return body.toString(StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static Run load(Target target, int clients, int calls) throws Exception {
        List<Client> sessions = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sessions.add(target.connect());
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
        long cpuBefore = target.cpuMicros();
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuPerCall = (double) (target.cpuMicros() - cpuBefore) / (clients * calls);
        sessions.forEach(Client::close);
        long[] all = new long[clients * calls];
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, c * calls, calls);
        }
        java.util.Arrays.sort(all);
        return new Run(all.length / seconds, percentile(all, 50), percentile(all, 90), percentile(all, 99),
                cpuPerCall, errors.get(), firstError.isEmpty() ? null : firstError.get(0));
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
        System.out.printf("| server (%d clients × %d `tools/call`) | revision | tool | calls/s | p50 ms | p90 ms | p99 ms | server CPU µs/call | errors |%n",
                clients, calls);
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Run>> entry : results.entrySet()) {
            List<Run> runs = entry.getValue();
            String[] key = entry.getKey().split(" ");
            long errors = runs.stream().mapToLong(Run::errors).sum();
            String first = runs.stream().map(Run::firstError).filter(e -> e != null).findFirst().orElse(null);
            String server = key[0].equals("reference") ? (key[1].equals(MODERN) ? "reference (TS SDK v2 server)"
                    : "reference (server-everything)") : key[0];
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %d%s |%n", server, key[1],
                    key[0].equals("reference") ? "`echo`" : "`" + OUR_TOOL + "`",
                    stats(runs, Run::callsPerSecond, "%.0f"), stats(runs, Run::p50, "%.1f"),
                    stats(runs, Run::p90, "%.1f"), stats(runs, Run::p99, "%.1f"),
                    stats(runs, Run::cpuMicrosPerCall, "%.0f"), errors,
                    first == null ? "" : " (first: " + first.replace('|', '/').replace('\n', ' ') + ")");
        }
        System.out.println();
        System.out.println("| figure | revision | dynamic-mcp ÷ reference | target | met? |");
        System.out.println("|---|---|---|---|---|");
        for (String revision : List.of(LEGACY, MODERN)) {
            List<Run> ours = results.get("dynamic-mcp " + revision);
            List<Run> ref = results.get("reference " + revision);
            double throughput = medianOf(ours, Run::callsPerSecond) / medianOf(ref, Run::callsPerSecond);
            double p99 = medianOf(ours, Run::p99) / medianOf(ref, Run::p99);
            long errors = ours.stream().mapToLong(Run::errors).sum();
            System.out.printf("| throughput | %s | %.2f× | ≥ 2× | %s |%n", revision, throughput,
                    throughput >= 2 ? "yes" : "**NO**");
            System.out.printf("| p99 latency | %s | %.2f× | ≤ 1× | %s |%n", revision, p99, p99 <= 1 ? "yes" : "**NO**");
            System.out.printf("| errors (dynamic-mcp) | %s | %d | 0 | %s |%n", revision, errors,
                    errors == 0 ? "yes" : "**NO**");
            System.out.printf("| server CPU per call | %s | %.2f× | (none: what the throughput rests on) | — |%n",
                    revision, medianOf(ours, Run::cpuMicrosPerCall) / medianOf(ref, Run::cpuMicrosPerCall));
        }
    }
}
