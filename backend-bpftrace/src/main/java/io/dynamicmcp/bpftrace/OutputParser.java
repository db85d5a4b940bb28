package io.dynamicmcp.bpftrace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the lines bpftrace prints with {@code -f json} into {@link OutputItem}s. Lines that are not JSON
 * (warnings and errors go to stderr as text, which shares the terminal) become {@link OutputItem.Message}s,
 * with the private script path replaced by {@code script}. Thread-safe.
 */
final class OutputParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String scriptPath;

    /** @param scriptPath the path of the script file, hidden from messages; may be null */
    OutputParser(String scriptPath) {
        this.scriptPath = scriptPath;
    }

    /** Parses one line without its line end; null for lines that carry nothing (blank, the echoed ^C). */
    OutputItem parse(String raw) {
        String line = stripEcho(raw);
        if (line.isBlank()) {
            return null;
        }
        if (line.startsWith("{") && line.endsWith("}")) {
            try {
                OutputItem item = fromJson(MAPPER.readTree(line));
                if (item != null) {
                    return item;
                }
            } catch (JsonProcessingException | RuntimeException e) {
                // not bpftrace JSON after all: keep it as text
            }
        }
        return new OutputItem.Message(scriptPath == null ? line : line.replace(scriptPath, "script"));
    }

    private static String stripEcho(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        while (line.startsWith("^C")) {
            line = line.substring(2);
        }
        return line;
    }

    private static OutputItem fromJson(JsonNode node) {
        String type = node.path("type").asText("");
        JsonNode data = node.path("data");
        switch (type) {
            case "printf", "time", "cat", "join", "syscall":
                return new OutputItem.Printed(type, data.asText());
            case "value":
                return new OutputItem.Printed("value", (data.isTextual() ? data.asText() : data.toString()) + "\n");
            case "attached_probes":
                return new OutputItem.Attached(data.path("probes").asLong());
            case "lost_events":
                return new OutputItem.LostEvents(data.path("events").asLong());
            case "helper_error":
                return new OutputItem.Message("WARNING: helper " + node.path("helper").asText() + " failed with "
                        + node.path("retcode").asLong() + " at script:" + node.path("line").asLong() + ":"
                        + node.path("col").asLong());
            case "map", "hist", "stats":
                if (!data.isObject() || data.size() != 1) {
                    return null;
                }
                Map.Entry<String, JsonNode> map = data.properties().iterator().next();
                return new OutputItem.MapDump(new TraceMap(map.getKey(), type, entries(type, map.getValue())));
            default:
                return null;
        }
    }

    private static List<TraceMap.Entry> entries(String kind, JsonNode data) {
        if (!isKeyed(kind, data)) {
            return List.of(entry(kind, null, data));
        }
        List<TraceMap.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            entries.add(entry(kind, field.getKey(), field.getValue()));
        }
        return entries;
    }

    /**
     * Whether a map's data is keyed. A map with keys prints an object of key to value; without keys it prints
     * the value itself. A record value would also print as an object; bpftrace 0.17 cannot store records in
     * maps without keys, so an object means keys.
     */
    private static boolean isKeyed(String kind, JsonNode data) {
        if (!data.isObject()) {
            return false;
        }
        if (kind.equals("stats")) {
            boolean statsShape = data.size() == 3 && data.has("count") && data.has("average") && data.has("total")
                    && data.path("count").isNumber();
            return !statsShape;
        }
        return true;
    }

    private static TraceMap.Entry entry(String kind, String key, JsonNode value) {
        switch (kind) {
            case "hist":
                List<TraceMap.Bucket> buckets = new ArrayList<>();
                for (JsonNode bucket : value) {
                    buckets.add(new TraceMap.Bucket(bound(bucket, "min"), bound(bucket, "max"),
                            bucket.path("count").asLong()));
                }
                return new TraceMap.Entry(key, null, buckets, null);
            case "stats":
                if (value.isObject()) {
                    return new TraceMap.Entry(key, null, null, new TraceMap.Stats(value.path("count").asLong(),
                            value.path("average").asLong(), value.path("total").asLong()));
                }
                return new TraceMap.Entry(key, toJava(value), null, null);
            default:
                return new TraceMap.Entry(key, toJava(value), null, null);
        }
    }

    private static Long bound(JsonNode bucket, String name) {
        JsonNode bound = bucket.get(name);
        return bound == null || !bound.isNumber() ? null : bound.asLong();
    }

    private static Object toJava(JsonNode value) {
        return MAPPER.convertValue(value, Object.class);
    }
}
