package io.dynamicmcp.crash.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of {@code kmem -i} ({@code TOTAL MEM  55594  217.2 MB  ----}), keyed {@code total_mem}, {@code free},
 * {@code used}, ...: pages, the size as crash shows it, approximate bytes and the percentage where shown.
 */
public final class MemorySummary {

    private static final Pattern ROW = Pattern.compile(
            "^\\s*([A-Z][A-Z ]*[A-Z])\\s+(\\d+)\\s+([\\d.]+(?: [KMGTP]?B)?)\\s+(?:(\\d+)% of .*|-+)\\s*$");

    private MemorySummary() {
    }

    public static Map<String, Object> parse(List<String> lines) {
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("pages", Long.parseLong(m.group(2)));
                row.put("size", m.group(3));
                row.put("bytes", bytes(m.group(3)));
                row.put("percent", m.group(4) == null ? null : Integer.parseInt(m.group(4)));
                rows.put(m.group(1).toLowerCase(Locale.ROOT).replace(' ', '_'), row);
            }
        }
        return rows;
    }

    static long bytes(String size) {
        String[] parts = size.split(" ");
        double number = Double.parseDouble(parts[0]);
        int power = parts.length < 2 ? 0 : "BKMGTP".indexOf(parts[1].charAt(0));
        return Math.round(number * Math.pow(1024, Math.max(power, 0)));
    }
}
