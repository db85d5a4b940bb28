package io.dynamicmcp.bpftrace;

import java.util.List;
import java.util.Map;

/** Renders maps as text for people, close to bpftrace's own text output (ASCII histograms included). */
final class MapRenderer {

    private static final int BAR_WIDTH = 52;

    private MapRenderer() {
    }

    static String render(TraceMap map) {
        StringBuilder out = new StringBuilder();
        for (TraceMap.Entry entry : map.entries()) {
            String name = entry.key() == null ? map.name() : map.name() + "[" + entry.key() + "]";
            if (entry.buckets() != null) {
                out.append(name).append(":\n");
                histogram(entry.buckets(), out);
            } else if (entry.stats() != null) {
                TraceMap.Stats s = entry.stats();
                out.append(name).append(": count ").append(s.count()).append(", average ").append(s.average())
                        .append(", total ").append(s.total()).append('\n');
            } else {
                out.append(name).append(": ").append(value(entry.value())).append('\n');
            }
        }
        return out.toString();
    }

    private static void histogram(List<TraceMap.Bucket> buckets, StringBuilder out) {
        long peak = buckets.stream().mapToLong(TraceMap.Bucket::count).max().orElse(0);
        for (TraceMap.Bucket bucket : buckets) {
            int width = peak == 0 ? 0 : (int) (bucket.count() * BAR_WIDTH / peak);
            out.append(String.format("%-16s%8d |%-" + BAR_WIDTH + "s|%n", label(bucket), bucket.count(),
                    "@".repeat(width)));
        }
    }

    /** {@code [4, 8)} for 4..7, {@code [0]} for 0..0, {@code (..., 0)} and {@code [100, ...)} for open buckets. */
    static String label(TraceMap.Bucket bucket) {
        if (bucket.min() == null) {
            return bucket.max() == null ? "(..., ...)" : "(..., " + number(bucket.max() + 1) + ")";
        }
        if (bucket.max() == null) {
            return "[" + number(bucket.min()) + ", ...)";
        }
        if (bucket.min().equals(bucket.max())) {
            return "[" + number(bucket.min()) + "]";
        }
        return "[" + number(bucket.min()) + ", " + number(bucket.max() + 1) + ")";
    }

    private static String number(long n) {
        if (n != 0 && n % (1L << 40) == 0) {
            return n / (1L << 40) + "T";
        }
        if (n != 0 && n % (1L << 30) == 0) {
            return n / (1L << 30) + "G";
        }
        if (n != 0 && n % (1L << 20) == 0) {
            return n / (1L << 20) + "M";
        }
        if (n != 0 && n % 1024 == 0) {
            return n / 1024 + "K";
        }
        return Long.toString(n);
    }

    private static String value(Object value) {
        if (value instanceof List<?> tuple) {
            StringBuilder out = new StringBuilder("(");
            for (int i = 0; i < tuple.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(value(tuple.get(i)));
            }
            return out.append(')').toString();
        }
        if (value instanceof Map<?, ?> record) {
            StringBuilder out = new StringBuilder("{ ");
            record.forEach((k, v) -> out.append(out.length() > 2 ? ", ." : ".").append(k).append(" = ").append(value(v)));
            return out.append(" }").toString();
        }
        return String.valueOf(value);
    }
}
