package io.dynamicmcp.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of a tool call, with accessors that turn a missing or malformed value into a
 * {@link ToolException} naming the argument and the accepted form.
 */
public final class Arguments {

    private final Map<String, Object> values;

    public Arguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** A string argument, if present; blank strings count as absent. */
    public Optional<String> string(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new ToolException("argument '" + name + "' must be a string, got " + describe(value));
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    public String requiredString(String name) {
        return string(name).orElseThrow(() -> new ToolException("argument '" + name + "' is required"));
    }

    /** A whole number within {@code [min, max]}; numeric strings such as {@code "30"} are accepted. */
    public long integer(String name, long defaultValue, long min, long max) {
        Object value = values.get(name);
        if (value == null || (value instanceof String s && s.isBlank())) {
            return defaultValue;
        }
        long number;
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            number = n.longValue();
        } else if (value instanceof String s && s.trim().matches("-?\\d{1,18}")) {
            number = Long.parseLong(s.trim());
        } else {
            throw new ToolException("argument '" + name + "' must be a whole number from " + min + " to " + max
                    + ", got " + describe(value));
        }
        if (number < min || number > max) {
            throw new ToolException("argument '" + name + "' must be from " + min + " to " + max + ", got " + number);
        }
        return number;
    }

    /** A boolean; the strings {@code "true"} and {@code "false"} are accepted. */
    public boolean bool(String name, boolean defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new ToolException("argument '" + name + "' must be true or false, got " + describe(value));
    }

    private static String describe(Object value) {
        requireNonNull(value, "value is null");
        String text = String.valueOf(value);
        if (text.length() > 40) {
            text = text.substring(0, 40) + "...";
        }
        return value instanceof String ? "\"" + text + "\"" : text;
    }
}
