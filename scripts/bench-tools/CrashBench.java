import com.fasterxml.jackson.databind.JsonNode;
import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import io.dynamicmcp.testkit.StdioMcpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crash benchmarks, interleaved (A B A B ...): each round runs the real stdio server (start_crash_session on a
 * cold symbol index cache, again by the same caller, the index built in the background, a new session on the warm
 * index, N x crash_command 'p jiffies', a command timed out, one command printing tens of MB, the server's RSS and
 * heap), then the same work on crash driven directly in a pty (the reference: crash's own time, with no MCP server
 * between).
 * Run on the distribution's class path (Jackson, pty4j) and the test kit's (its MCP client):
 *   java -cp 'DIST/lib/*:TESTKIT_JAR' -Dpty4j.preferred.native.folder=DIST/lib/native CrashBench.java \
 *       runs=N calls=N rd=WORDS dist=DIST cache=CACHE work=DIR
 * Prints a markdown table with targets.
 */
public final class CrashBench {

    private static final String DUMP_NAME = "202611220410/dump.202611220410";
    private static final String CALL = "p jiffies";
    private static final String LONG_COMMAND = "dis sysrq_handle_crash 200000";
    private static final int TIMEOUT_SECONDS = 2;
    private static final int WARM_CALLS = 10;
    private static final byte[] PROMPT = "crash> ".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, String> options;
    private final Path dist;
    private final Path cache;
    private final Path work;
    private final Path vmlinux;
    private final Path dump;
    private final Map<String, List<Double>> series = new LinkedHashMap<>();

    private CrashBench(Map<String, String> options) throws IOException {
        this.options = options;
        this.dist = Path.of(options.get("dist"));
        this.cache = Path.of(options.get("cache"));
        this.work = Files.createDirectories(Path.of(options.get("work")).toAbsolutePath());
        String release = Files.readString(cache.resolve("RELEASE")).strip();
        this.vmlinux = cache.resolve("debug/usr/lib/debug/boot/vmlinux-" + release);
        this.dump = cache.resolve("crash").resolve(DUMP_NAME);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new CrashBench(options).run();
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void add(String name, double value) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private void run() throws Exception {
        int runs = option("runs");
        for (int round = 0; round < runs; round++) {
            System.err.printf("crash bench: round %d of %d: server%n", round + 1, runs);
            server(round);
            System.err.printf("crash bench: round %d of %d: crash directly%n", round + 1, runs);
            reference();
        }
        report();
    }

    // ------------------------------------------------------------------ through the server

    private void server(int round) throws Exception {
        Path state = Files.createTempDirectory(work, "state");
        Path gcLog = work.resolve("gc-" + round + ".log");
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/dynamic-mcp").toString())
                .redirectError(work.resolve("server-" + round + ".err").toFile());
        Map<String, String> env = builder.environment();
        env.put("CRASH_DUMP_PATH", cache.resolve("crash").toString());
        env.put("DEBUG_SYMBOL_PATH", cache.resolve("debug/usr/lib/debug").toString());
        env.put("KERNEL_PATH", cache.resolve("boot").toString());
        env.put("DYNAMIC_MCP_STATE_DIR", state.toString());
        env.put("XDG_CACHE_HOME", state.resolve("cache").toString()); // a cold symbol index cache each round
        env.put("LOG_LEVEL", "WARNING");
        env.put("DYNAMIC_MCP_JAVA_OPTS", "-Xlog:gc:file=" + gcLog + (options.containsKey("jfr")
                ? " -XX:StartFlightRecording=filename=" + work.resolve("server-" + round + ".jfr") + ",settings=profile"
                : ""));
        try (StdioMcpClient client = StdioMcpClient.start(builder, Duration.ofMinutes(15))) {
            client.initialize();
            long pid = client.pid();
            Thread.sleep(1000);
            double rss0 = rssKib(pid);

            long t = System.nanoTime();
            String first = client.callToolOk("start_crash_session", Map.of("dump_name", DUMP_NAME))
                    .path("structuredContent").path("session_id").asText();
            add("start", millisSince(t));
            Thread.sleep(1000);
            double rss1 = rssKib(pid);

            long opened = System.nanoTime();
            t = System.nanoTime();
            client.callToolOk("start_crash_session", Map.of("dump_name", DUMP_NAME));
            add("second", millisSince(t));

            Path index = state.resolve("cache/dynamic-mcp/symbol-index");
            while (!indexBuilt(index)) {
                if (millisSince(opened) > 600_000) {
                    throw new IllegalStateException("no symbol index in " + index + " after 10 minutes");
                }
                Thread.sleep(100);
            }
            add("indexBuild", millisSince(opened));
            t = System.nanoTime();
            JsonNode warm = client.callToolOk("start_crash_session", Map.of("dump_name", DUMP_NAME, "new_session", true));
            add("warmStart", millisSince(t));
            if (!warm.path("structuredContent").path("symbol_index").asText().startsWith("used")) {
                throw new IllegalStateException("the second session did not use the symbol index: " + warm);
            }
            Thread.sleep(1000);
            double rss2 = rssKib(pid);
            add("rss0", rss0 / 1024);
            add("rss1", rss1 / 1024);
            add("rss2", rss2 / 1024);
            add("perSession", (rss2 - rss1) / 1024);

            Map<String, Object> call = Map.of("command", CALL, "session_id", first);
            for (int i = 0; i < WARM_CALLS; i++) {
                client.callToolOk("crash_command", call);
            }
            int calls = option("calls");
            t = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                client.callToolOk("crash_command", call);
            }
            add("call", millisSince(t) / calls);
            System.err.printf("crash bench: server: crash_command %.2f ms per call%n", millisSince(t) / calls);
            t = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                client.callToolOk("crash_command", call);
            }
            add("callWarm", millisSince(t) / calls);
            System.err.printf("crash bench: server: the next %d, %.2f ms per call%n", calls, millisSince(t) / calls);

            t = System.nanoTime();
            JsonNode timedOut = client.callToolOk("crash_command", Map.of("command", LONG_COMMAND, "session_id", first,
                    "timeout", TIMEOUT_SECONDS)).path("structuredContent");
            add("timeoutLate", millisSince(t) - TIMEOUT_SECONDS * 1000.0);
            if (!"timed_out".equals(timedOut.path("status").asText())) {
                throw new IllegalStateException("the long command did not time out: " + timedOut);
            }
            if (timedOut.path("interrupt_ms").isNumber()) {
                add("interruptMs", timedOut.path("interrupt_ms").asDouble());
            }
            awaitIdle(client, first);

            jcmd(pid, "GC.run");
            long[] before = heapInfo(pid);
            double rssBefore = rssKib(pid);
            long logStart = Files.size(gcLog);
            t = System.nanoTime();
            JsonNode big = client.callToolOk("crash_command",
                    Map.of("command", "rd -64 _text " + option("rd"), "session_id", first, "timeout", 600));
            add("big", millisSince(t));
            add("rssGrowth", (rssKib(pid) - rssBefore) / 1024);
            jcmd(pid, "GC.run");
            long[] after = heapInfo(pid);
            long live = Math.max(after[0], liveFromGcLog(gcLog, logStart));
            add("heapGrowth", (live - before[0]) / 1024.0);
            add("committedGrowth", (after[1] - before[1]) / 1024.0);
            JsonNode result = big.path("structuredContent");
            if (!"completed".equals(result.path("status").asText())) {
                throw new IllegalStateException("rd did not complete: " + result);
            }
            add("bigLines", result.path("lines").asDouble());
        }
    }

    /** Whether the background build left an indexed vmlinux copy. */
    private static boolean indexBuilt(Path index) throws IOException {
        if (!Files.isDirectory(index)) {
            return false;
        }
        try (var entries = Files.list(index)) {
            return entries.anyMatch(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p.resolve("vmlinux")));
        }
    }

    /** After a timeout, crash may still be coming back to its prompt: waits until the session answers again. */
    private static void awaitIdle(StdioMcpClient client, String session) throws Exception {
        while (true) {
            try {
                client.callToolOk("crash_command", Map.of("command", CALL, "session_id", session));
                return;
            } catch (AssertionError busy) {
                if (!busy.getMessage().contains("session busy")) {
                    throw busy;
                }
                Thread.sleep(200);
            }
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** Heap used and committed, KiB, from GC.heap_info (the Serial GC the launcher uses). */
    private static long[] heapInfo(long pid) throws Exception {
        long used = 0;
        long committed = 0;
        Pattern generation = Pattern.compile("^\\s*(def new generation|tenured generation)\\s+total (\\d+)K, used (\\d+)K");
        for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
            Matcher m = generation.matcher(line);
            if (m.find()) {
                committed += Long.parseLong(m.group(2));
                used += Long.parseLong(m.group(3));
            }
        }
        if (committed == 0) {
            throw new IllegalStateException("cannot read GC.heap_info (not the Serial GC?)");
        }
        return new long[] {used, committed};
    }

    /** The largest heap occupancy after a collection in the GC log written after {@code offset}, KiB. */
    private static long liveFromGcLog(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String text = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(text);
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(2)) * 1024);
        }
        return peak;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    private static double rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    // ------------------------------------------------------------------ crash directly

    private void reference() throws Exception {
        Path home = Files.createTempDirectory(work, "home");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        env.put("TERM", "dumb");
        env.put("HOME", home.toString());
        long t = System.nanoTime();
        PtyProcess crash = new PtyProcessBuilder(new String[] {System.getenv().getOrDefault("CRASH_BINARY", "crash"), "-s", "--no_scroll", "--no_crashrc",
                vmlinux.toString(), dump.toString()})
                .setEnvironment(env).setDirectory(home.toString()).setInitialColumns(1000).setInitialRows(50)
                .setRedirectErrorStream(true).setConsole(false).start();
        try {
            InputStream out = crash.getInputStream();
            OutputStream in = crash.getOutputStream();
            untilPrompt(out);
            add("refStart", millisSince(t));
            for (int i = 0; i < WARM_CALLS; i++) {
                command(in, out, CALL);
            }
            int calls = option("calls");
            t = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                command(in, out, CALL);
            }
            add("refCall", millisSince(t) / calls);
            System.err.printf("crash bench: crash directly: %.2f ms per command%n", millisSince(t) / calls);
            t = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                command(in, out, CALL);
            }
            add("refCallWarm", millisSince(t) / calls);
            System.err.printf("crash bench: crash directly: the next %d, %.2f ms per command%n", calls, millisSince(t) / calls);
            in.write((LONG_COMMAND + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
            drainFor(out, TIMEOUT_SECONDS * 1000L);
            t = System.nanoTime();
            in.write(3); // Ctrl-C
            in.flush();
            untilPrompt(out);
            add("refInterrupt", millisSince(t));
            command(in, out, "sync-" + System.nanoTime()); // crash may print one prompt more after Ctrl-C
            t = System.nanoTime();
            long bytes = command(in, out, "rd -64 _text " + option("rd"));
            add("refBig", millisSince(t));
            add("bigBytes", bytes);
            in.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            crash.waitFor(30, TimeUnit.SECONDS);
        } finally {
            crash.destroyForcibly();
        }
    }

    /** Reads and drops output for {@code millis}, as a reader that waits for an answer would. */
    private static void drainFor(InputStream out, long millis) throws IOException {
        long until = System.nanoTime() + millis * 1_000_000;
        byte[] buffer = new byte[65536];
        while (System.nanoTime() < until) {
            if (out.available() > 0) {
                out.read(buffer);
            } else {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static long command(OutputStream in, InputStream out, String command) throws IOException {
        in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
        return untilPrompt(out);
    }

    /** Reads until the output read so far ends with crash's prompt; returns the bytes read. */
    private static long untilPrompt(InputStream out) throws IOException {
        byte[] buffer = new byte[65536];
        byte[] last = new byte[PROMPT.length];
        long total = 0;
        while (true) {
            int n = out.read(buffer);
            if (n < 0) {
                throw new IOException("crash exited before its prompt");
            }
            total += n;
            if (n >= last.length) {
                System.arraycopy(buffer, n - last.length, last, 0, last.length);
            } else {
                System.arraycopy(last, n, last, 0, last.length - n);
                System.arraycopy(buffer, 0, last, last.length - n, n);
            }
            if (total >= last.length && java.util.Arrays.equals(last, PROMPT)) {
                return total;
            }
        }
    }

    // ------------------------------------------------------------------ report

    private double median(String name) {
        List<Double> sorted = new ArrayList<>(series.get(name));
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private String stats(String name, String format) {
        List<Double> sorted = new ArrayList<>(series.get(name));
        sorted.sort(null);
        return String.format(format + " [" + format + "–" + format + "]", median(name), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    private static String met(boolean met) {
        return met ? "yes" : "**NO**";
    }

    private void report() {
        int calls = option("calls");
        double bytes = median("bigBytes");
        double mb = bytes / 1e6;
        // throughput per round: the bytes crash printed over the time the call took
        for (double ms : series.get("big")) {
            add("ourRate", bytes / 1e3 / ms);
        }
        for (double ms : series.get("refBig")) {
            add("refRate", bytes / 1e3 / ms);
        }
        for (int i = 0; i < series.get("start").size(); i++) {
            add("secondRatio", series.get("second").get(i) / series.get("start").get(i));
        }
        double startRatio = median("start") / median("refStart");
        double warmRatio = median("warmStart") / median("refStart");
        double buildRatio = median("indexBuild") / median("refStart");
        double added = median("call") - median("refCall");
        double addedWarm = median("callWarm") - median("refCallWarm");
        double rate = median("ourRate");
        System.out.println("| figure | dynamic-mcp, median [min–max] | reference in the same run, median [min–max] "
                + "| ratio / difference | target | met? |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.printf("| `start_crash_session` → answer, ms | %s | `crash -s` in a pty → first prompt: %s | %.2f× "
                + "| ≤ 1.05× | %s |%n", stats("start", "%.0f"), stats("refStart", "%.0f"), startRatio,
                met(startRatio <= 1.05));
        System.out.printf("| `crash_command` `%s`, ms per call: the first %d calls of a new server (after %d unrecorded) "
                + "| %s | the same commands typed into crash in a pty, one at a time: %s | %+.2f ms per call "
                + "| ≤ 1 ms added | %s |%n", CALL, calls, WARM_CALLS, stats("call", "%.2f"), stats("refCall", "%.2f"),
                added, met(added <= 1.0));
        System.out.printf("| the same, the %d calls after those (the server's code compiled by then) | %s | the next %d "
                + "commands: %s | %+.2f ms per call | ≤ 1 ms added | %s |%n", calls, stats("callWarm", "%.2f"), calls,
                stats("refCallWarm", "%.2f"), addedWarm, met(addedWarm <= 1.0));
        System.out.printf("| `start_crash_session` with the kernel's symbol index built (warm), ms | %s | `crash -s` "
                + "→ first prompt: %s | %.2f× | ≤ 0.6× | %s |%n", stats("warmStart", "%.0f"), stats("refStart", "%.0f"),
                warmRatio, met(warmRatio <= 0.6));
        System.out.printf("| building the symbol index once (copy + gdb's index added to it, in the background after the first "
                + "open), ms | %s | `crash -s` → first prompt: %s | %.2f× | ≤ 1× | %s |%n", stats("indexBuild", "%.0f"),
                stats("refStart", "%.0f"), buildRatio, met(buildRatio <= 1.0));
        System.out.printf("| second `start_crash_session` by the same caller on the open dump, ms | %s | first "
                + "session: %s | %.3f× | ≤ 0.05× of the first | %s |%n", stats("second", "%.1f"), stats("start", "%.0f"),
                median("secondRatio"), met(median("secondRatio") <= 0.05));
        System.out.printf("| `%s` with timeout %d s: answer after the timeout, ms late (partial output; crash back "
                + "at its prompt %s ms after Ctrl-C where it came back within the answer) | %s | crash's own time to "
                + "its prompt after Ctrl-C: %s | — | ≤ 2000 ms late | %s |%n", LONG_COMMAND, TIMEOUT_SECONDS,
                series.containsKey("interruptMs") ? stats("interruptMs", "%.0f") : "—", stats("timeoutLate", "%.0f"),
                stats("refInterrupt", "%.0f"), met(median("timeoutLate") <= 2000));
        System.out.printf("| server JVM RSS per open session (2nd − 1st; the 1st also loads the crash code: RSS with "
                + "0 / 1 / 2 sessions %.0f / %.0f / %.0f MiB), MiB "
                + "| %s | — | — | < 5 MiB | %s |%n", median("rss0"), median("rss1"), median("rss2"),
                stats("perSession", "%.1f"), met(median("perSession") < 5));
        System.out.printf("| %.1f MB command output (`rd -64 _text %s`, %.0f lines) through `crash_command`, MB/s "
                + "| %s | crash in a pty, read raw: %s MB/s | %.2f× | ≥ 100 MB/s | %s |%n", mb, options.get("rd"),
                median("bigLines"), stats("ourRate", "%.0f"), stats("refRate", "%.0f"),
                rate / median("refRate"), met(rate >= 100));
        System.out.printf("| server heap growth during that call: live heap (after each GC during it and a full GC "
                + "at its end) − live heap before, MiB (committed heap grew %.0f MiB, JVM RSS %.0f MiB) | %s | — | — "
                + "| < 64 MiB | %s |%n", median("committedGrowth"), median("rssGrowth"), stats("heapGrowth", "%.0f"),
                met(median("heapGrowth") < 64));
    }
}
