import com.fasterxml.jackson.databind.JsonNode;
import io.dynamicmcp.testkit.StdioMcpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fleet listing benchmark: list_crash_dumps over a central folder of N dumps (default 10,000) the shape kdump's
 * remote targets leave, through the real stdio server, with the dump cache on (the default) and off
 * (CRASH_DUMP_CACHE=false), interleaved (on, off, on, off ...), a fresh server each round. Each dump is a sparse copy
 * of a real zoo dump: its first 16 KiB (header and VMCOREINFO) and, for flattened files, its end marker, at its real
 * size, with a time of its own. Layouts in turn: kdump's ssh target (10.1.H.H-DATE/vmcore.flat), its NFS target
 * (10.2.H.H-DATE/vmcore), a folder per host over kdump-tools' tree (web-H/STAMP/dump.STAMP) and over a local kdump
 * tree (db-H/127.0.0.1-DATE/vmcore); every 500th an unfinished copy (vmcore-incomplete).
 * Run on the distribution's class path (Jackson) and the test kit's (its MCP client):
 *   java -cp 'DIST/lib/*:TESTKIT_JAR' FleetBench.java runs=N dumps=N dist=DIST cache=CACHE work=DIR
 * Prints a markdown table with targets.
 */
public final class FleetBench {

    private static final int HEAD = 16 * 1024;
    private static final int HOSTS_PER_LAYOUT = 250;
    private static final int LATER_PAGES = 5;

    private final Map<String, String> options;
    private final Path dist;
    private final Path cache;
    private final Path work;
    private final Path tree;
    private final Map<String, List<Double>> series = new LinkedHashMap<>();
    private String loadBefore;

    private FleetBench(Map<String, String> options) throws IOException {
        this.options = options;
        this.dist = Path.of(options.get("dist"));
        this.cache = Path.of(options.get("cache"));
        this.work = Files.createDirectories(Path.of(options.get("work")).toAbsolutePath());
        this.tree = work.resolve("tree");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new FleetBench(options).run();
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void add(String name, double value) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private void run() throws Exception {
        long t = System.nanoTime();
        makeTree(option("dumps"));
        System.err.printf("fleet bench: %d dumps made in %.1f s%n", option("dumps"), millisSince(t) / 1000);
        loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        try {
            int runs = option("runs");
            for (int round = 0; round < runs; round++) {
                System.err.printf("fleet bench: round %d of %d: cache on%n", round + 1, runs);
                round("on", true);
                System.err.printf("fleet bench: round %d of %d: cache off%n", round + 1, runs);
                round("off", false);
            }
            report();
        } finally {
            delete(tree);
        }
    }

    // ------------------------------------------------------------------ the tree

    private void makeTree(int count) throws IOException {
        Path zoo = cache.resolve("zoo");
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> folders = Files.list(zoo.resolve("crash"))) {
            folders.map(f -> f.resolve("vmcore")).filter(Files::isRegularFile).sorted().forEach(cases::add);
        }
        Path flat = zoo.resolve("fleet/10.0.0.5-2026-11-22-04:10:01/vmcore.flat");
        Path cut = zoo.resolve("fleet/10.0.0.6-2026-11-22-05:00:00/vmcore-incomplete");
        Map<Path, byte[]> heads = new LinkedHashMap<>();
        for (Path source : concat(cases, List.of(flat, cut))) {
            try (InputStream in = Files.newInputStream(source)) {
                heads.put(source, in.readNBytes(HEAD));
            }
        }
        byte[] flatEnd = new byte[16];
        java.util.Arrays.fill(flatEnd, (byte) 0xff);
        Instant newest = Instant.parse("2026-11-22T06:00:00Z");
        for (int i = 0; i < count; i++) {
            int host = (i / 4) % HOSTS_PER_LAYOUT;
            Instant time = newest.minusSeconds(37L * i);
            String date = String.format(Locale.ROOT, "2026-11-%02d-%02d:%02d:%02d", 1 + (i / 86400) % 28,
                    (i / 3600) % 24, (i / 60) % 60, i % 60);
            String stamp = date.replaceAll("[-:]", "").substring(0, 12);
            String name;
            Path source;
            switch (i % 4) {
                case 0 -> {
                    boolean unfinished = i % 500 == 0;
                    name = "10.1." + host / 250 + "." + host % 250 + "-" + date + "/"
                            + (unfinished ? "vmcore-incomplete" : "vmcore.flat");
                    source = unfinished ? cut : flat;
                }
                case 1 -> {
                    name = "10.2." + host / 250 + "." + host % 250 + "-" + date + "/vmcore";
                    source = cases.get(i % cases.size());
                }
                case 2 -> {
                    name = "web-" + host + "/" + stamp + "/dump." + stamp;
                    source = cases.get(i % cases.size());
                }
                default -> {
                    name = "db-" + host + "/127.0.0.1-" + date + "/vmcore";
                    source = cases.get(i % cases.size());
                }
            }
            Path file = tree.resolve(name);
            Files.createDirectories(file.getParent());
            try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
                out.write(heads.get(source));
                long size = Files.size(source);
                if (source.equals(flat)) {
                    out.seek(size - 16);
                    out.write(flatEnd);
                }
                out.setLength(size);
            }
            Files.setLastModifiedTime(file, FileTime.from(time));
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ------------------------------------------------------------------ one round

    private void round(String mode, boolean cacheOn) throws Exception {
        Path state = Files.createTempDirectory(work, "state");
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/dynamic-mcp").toString())
                .redirectError(work.resolve("server-" + mode + ".err").toFile());
        Map<String, String> env = builder.environment();
        env.put("CRASH_DUMP_PATH", tree.toString());
        env.put("DEBUG_SYMBOL_PATH", cache.resolve("debug/usr/lib/debug").toString());
        env.put("KERNEL_PATH", cache.resolve("boot").toString());
        env.put("DYNAMIC_MCP_STATE_DIR", state.toString());
        env.put("CRASH_DUMP_CACHE", Boolean.toString(cacheOn));
        env.put("LOG_LEVEL", "WARNING");
        try (StdioMcpClient client = StdioMcpClient.start(builder, Duration.ofMinutes(15))) {
            client.initialize();
            long t = System.nanoTime();
            JsonNode first = client.callToolOk("list_crash_dumps", Map.of("max_dumps", 10)).path("structuredContent");
            add(mode + ".first", millisSince(t));
            if (first.path("total_found").asInt() != option("dumps") || first.path("dumps").size() != 10) {
                throw new IllegalStateException("the first page is not 10 of " + option("dumps") + ": " + first);
            }
            add(mode + ".pendingFirst", countPending(first));
            String cursor = first.path("next_cursor").asText();
            for (int page = 0; page < LATER_PAGES; page++) {
                t = System.nanoTime();
                JsonNode later = client.callToolOk("list_crash_dumps", Map.of("max_dumps", 10, "cursor", cursor))
                        .path("structuredContent");
                add(mode + ".later", millisSince(t));
                cursor = later.path("next_cursor").asText();
            }
            t = System.nanoTime();
            JsonNode again = client.callToolOk("list_crash_dumps", Map.of("max_dumps", 10)).path("structuredContent");
            add(mode + ".again", millisSince(t));
            add(mode + ".pendingAgain", countPending(again));
            t = System.nanoTime();
            JsonNode host = client.callToolOk("list_crash_dumps", Map.of("max_dumps", 10, "host", "web-7"))
                    .path("structuredContent");
            add(mode + ".host", millisSince(t));
            if (host.path("dumps").size() == 0) {
                throw new IllegalStateException("no dump of host web-7: " + host);
            }
            add(mode + ".rss", rssKib(client.pid()) / 1024);
        } finally {
            delete(state);
        }
    }

    private static int countPending(JsonNode page) {
        int pending = 0;
        for (JsonNode dump : page.path("dumps")) {
            pending += dump.path("pending").size() > 0 ? 1 : 0;
        }
        return pending;
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Double.parseDouble(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    // ------------------------------------------------------------------ report

    private double median(String name) {
        List<Double> sorted = new ArrayList<>(series.get(name));
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private double max(String name) {
        return series.get(name).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private String stats(String name, String format) {
        List<Double> sorted = new ArrayList<>(series.get(name));
        sorted.sort(null);
        return String.format(Locale.ROOT, format + " [" + format + "–" + format + "]", median(name), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    private static String firstThree(String loadavg) {
        return String.join(" ", java.util.Arrays.asList(loadavg.split(" ")).subList(0, 3));
    }

    private static String met(boolean met) {
        return met ? "yes" : "**NO**";
    }

    private void report() throws IOException {
        int dumps = option("dumps");
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        System.out.printf(Locale.ROOT, "Tree: %,d dumps (sparse copies of the zoo's dumps: kdump's ssh and NFS targets, "
                + "kdump-tools and local trees in a folder per host; %d hosts; %d unfinished copies), %d rounds. Load "
                + "average before: %s; after: %s.%n%n", dumps, 4 * HOSTS_PER_LAYOUT, (dumps + 499) / 500,
                series.get("on.first").size(), firstThree(loadBefore), firstThree(loadAfter));
        System.out.println("| `list_crash_dumps` call, fresh server each round | cache on (default), ms, median "
                + "[min–max] | cache off (`CRASH_DUMP_CACHE=false`), ms | target | met (on / off)? |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| first page (`max_dumps=10`): walks the tree, reads the 10 dumps shown; dumps "
                + "shown with fields pending: %.0f / %.0f | %s | %s | ≤ 1000 ms | %s / %s |%n", median("on.pendingFirst"),
                median("off.pendingFirst"), stats("on.first", "%.0f"), stats("off.first", "%.0f"),
                met(max("on.first") <= 1000), met(max("off.first") <= 1000));
        System.out.printf(Locale.ROOT, "| later page (`cursor`, %d per round, pages 2–%d) | %s | %s | ≤ 500 ms | %s / "
                + "%s |%n", LATER_PAGES, LATER_PAGES + 1, stats("on.later", "%.0f"), stats("off.later", "%.0f"),
                met(max("on.later") <= 500), met(max("off.later") <= 500));
        System.out.printf(Locale.ROOT, "| the first page again (pending fields now read: %.0f / %.0f) | %s | %s | ≤ 500 ms "
                + "| %s / %s |%n", median("on.pendingAgain"), median("off.pendingAgain"), stats("on.again", "%.0f"),
                stats("off.again", "%.0f"), met(max("on.again") <= 500), met(max("off.again") <= 500));
        System.out.printf(Locale.ROOT, "| first page of one host (`host=web-7`, %d of its dumps in the tree) | %s | %s "
                + "| ≤ 500 ms | %s / %s |%n", dumps / 4 / HOSTS_PER_LAYOUT, stats("on.host", "%.0f"),
                stats("off.host", "%.0f"), met(max("on.host") <= 500), met(max("off.host") <= 500));
        System.out.printf(Locale.ROOT, "| server RSS after these calls, MiB | %s | %s | — | — |%n",
                stats("on.rss", "%.0f"), stats("off.rss", "%.0f"));
    }
}
