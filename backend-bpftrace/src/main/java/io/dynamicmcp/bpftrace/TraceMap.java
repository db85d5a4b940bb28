package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bpftrace map as printed in JSON mode: plain values ({@code count()}, {@code sum()}, assignments),
 * histograms ({@code hist()}, {@code lhist()}) or statistics ({@code stats()}, {@code avg()}).
 *
 * @param name the map's name, e.g. {@code @c} or {@code @}
 * @param kind {@code map}, {@code hist} or {@code stats}
 * @param entries one entry per key, in bpftrace's order; a single entry with a null key for a map without keys
 */
record TraceMap(String name, String kind, List<Entry> entries) {

    TraceMap {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        entries = List.copyOf(entries);
    }

    /**
     * One key of a map. Exactly one of {@code value}, {@code buckets} or {@code stats} is set.
     *
     * @param key the key as bpftrace prints it (several keys joined with commas), or null for a map without keys
     * @param value a number, string, list (tuple) or map (record); for {@code avg()} the average
     */
    record Entry(String key, Object value, List<Bucket> buckets, Stats stats) {

        Entry {
            buckets = buckets == null ? null : List.copyOf(buckets);
        }

        Map<String, Object> toStructured() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("key", key);
            if (buckets != null) {
                out.put("buckets", buckets.stream().map(Bucket::toStructured).toList());
            } else if (stats != null) {
                out.put("count", stats.count());
                out.put("average", stats.average());
                out.put("total", stats.total());
            } else {
                out.put("value", value);
            }
            return out;
        }
    }

    /**
     * One histogram bucket; bounds are inclusive, and null where the bucket is open (values below the
     * first bound or above the last).
     */
    record Bucket(Long min, Long max, long count) {

        Map<String, Object> toStructured() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("min", min);
            out.put("max", max);
            out.put("count", count);
            return out;
        }
    }

    /** What {@code stats()} prints. */
    record Stats(long count, long average, long total) {
    }

    Map<String, Object> toStructured() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("kind", kind);
        out.put("entries", entries.stream().map(Entry::toStructured).toList());
        return out;
    }
}
