package io.dynamicmcp.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Read-only configuration as {@code KEY=value} strings, with typed accessors that validate.
 *
 * <p>Every typed accessor throws {@link InvalidSettingException} naming the key and the accepted form when a
 * value is present but malformed; an absent or blank value yields the default.
 */
public interface Settings {

    /** The raw value of a key, if set and not blank. */
    Optional<String> get(String key);

    default String string(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /** A whole number of seconds, at least {@code min}; e.g. {@code CRASH_COMMAND_TIMEOUT=120}. */
    default Duration seconds(String key, Duration defaultValue, long min) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        long value = parseLong(key, raw.get(), "a whole number of seconds");
        if (value < min) {
            throw new InvalidSettingException(key, raw.get(), "a whole number of seconds, at least " + min);
        }
        return Duration.ofSeconds(value);
    }

    /** A whole number within {@code [min, max]}. */
    default long number(String key, long defaultValue, long min, long max) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        long value = parseLong(key, raw.get(), "a whole number from " + min + " to " + max);
        if (value < min || value > max) {
            throw new InvalidSettingException(key, raw.get(), "a whole number from " + min + " to " + max);
        }
        return value;
    }

    /** {@code true/false}, {@code yes/no}, {@code on/off} or {@code 1/0}. */
    default boolean flag(String key, boolean defaultValue) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        switch (raw.get().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                throw new InvalidSettingException(key, raw.get(), "true or false");
        }
    }

    /** A path; relative paths are resolved against the working directory. */
    default Path path(String key, Path defaultValue) {
        return get(key).map(value -> Path.of(value.trim())).orElse(defaultValue);
    }

    /** A colon-separated list of paths; empty entries are ignored. */
    default List<Path> paths(String key, List<Path> defaultValue) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        List<Path> paths = new ArrayList<>();
        for (String part : raw.get().split(":")) {
            if (!part.isBlank()) {
                paths.add(Path.of(part.trim()));
            }
        }
        return List.copyOf(paths);
    }

    /** A comma- or space-separated list of words. */
    default List<String> words(String key, List<String> defaultValue) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        List<String> words = new ArrayList<>();
        for (String part : raw.get().split("[,\\s]+")) {
            if (!part.isBlank()) {
                words.add(part);
            }
        }
        return List.copyOf(words);
    }

    private static long parseLong(String key, String raw, String expected) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, raw, expected);
        }
    }
}
