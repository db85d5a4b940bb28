package io.dynamicmcp.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a tool call answers: text for people and models, optional structured content for programs, and
 * whether it is an error the client should act on.
 */
public final class ToolResult {

    private final String text;
    private final Map<String, Object> structured;
    private final boolean error;

    private ToolResult(String text, Map<String, Object> structured, boolean error) {
        this.text = requireNonNull(text, "text is null");
        this.structured = structured == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(structured));
        this.error = error;
    }

    /** A successful result with text only (for tools without an output schema). */
    public static ToolResult text(String text) {
        return new ToolResult(text, null, false);
    }

    /** A successful result; {@code structured} must match the tool's output schema. */
    public static ToolResult success(String text, Map<String, Object> structured) {
        return new ToolResult(text, requireNonNull(structured, "structured is null"), false);
    }

    /** An error the client should act on; the text says what went wrong and what to do. */
    public static ToolResult error(String text) {
        return new ToolResult(text, null, true);
    }

    /** An error with structured details (for example partial output); not validated against the schema. */
    public static ToolResult error(String text, Map<String, Object> structured) {
        return new ToolResult(text, structured, true);
    }

    public String text() {
        return text;
    }

    public Optional<Map<String, Object>> structured() {
        return Optional.ofNullable(structured);
    }

    public boolean isError() {
        return error;
    }

    @Override
    public String toString() {
        return (error ? "error: " : "") + text;
    }
}
