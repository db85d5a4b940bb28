package io.dynamicmcp.spi;

import static java.util.Objects.requireNonNull;

/** A configuration value is present but malformed. The host refuses to start and prints the message. */
public class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String value, String expected) {
        super("invalid " + requireNonNull(key, "key is null") + "=" + value + ": expected " + expected);
        this.key = key;
    }

    /** The offending key, e.g. {@code CRASH_COMMAND_TIMEOUT}. */
    public String key() {
        return key;
    }
}
