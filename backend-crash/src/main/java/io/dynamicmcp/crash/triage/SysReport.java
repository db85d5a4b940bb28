package io.dynamicmcp.crash.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fields of crash's {@code sys} output ({@code KERNEL}, {@code RELEASE}, {@code PANIC}, ...). */
public record SysReport(Map<String, String> fields) {

    private static final Pattern FIELD = Pattern.compile("^\\s*([A-Z][A-Z ]*[A-Z]):\\s?(.*)$");
    private static final Pattern QUOTED = Pattern.compile("^\"(.*)\"(?:\\s+\\(.*\\))?$");

    public SysReport {
        fields = Map.copyOf(fields);
    }

    public static SysReport parse(List<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = FIELD.matcher(line);
            if (m.matches()) {
                fields.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT).replace(' ', '_'), m.group(2).strip());
            }
        }
        return new SysReport(new LinkedHashMap<>(fields));
    }

    /** The panic string without its quotes; empty when sys shows none. */
    public Optional<String> panic() {
        String value = fields.get("panic");
        if (value == null) {
            return Optional.empty();
        }
        return unquoted(value);
    }

    /**
     * A PANIC value without its quotes and crash's remark after them: {@code "Oops: 0000 [#1] SMP" (check log for
     * details)} gives {@code Oops: 0000 [#1] SMP}.
     */
    public static Optional<String> unquoted(String value) {
        Matcher quoted = QUOTED.matcher(value.strip());
        String text = quoted.matches() ? quoted.group(1) : value;
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
