package io.dynamicmcp.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small builder for the JSON Schema documents tools publish, producing plain maps.
 *
 * <pre>{@code
 * JsonSchema.object()
 *     .property("command", JsonSchema.string().description("A crash command, e.g. 'bt'").maxLength(4096))
 *     .property("timeout", JsonSchema.integer().minimum(1).maximum(3600).defaultValue(120))
 *     .required("command")
 *     .build();
 * }</pre>
 */
public final class JsonSchema {

    private final Map<String, Object> schema = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();
    private final boolean object;

    private JsonSchema(String type) {
        schema.put("type", type);
        object = "object".equals(type);
    }

    public static JsonSchema object() {
        return new JsonSchema("object");
    }

    public static JsonSchema string() {
        return new JsonSchema("string");
    }

    public static JsonSchema integer() {
        return new JsonSchema("integer");
    }

    public static JsonSchema number() {
        return new JsonSchema("number");
    }

    public static JsonSchema bool() {
        return new JsonSchema("boolean");
    }

    public static JsonSchema array(JsonSchema items) {
        return new JsonSchema("array").with("items", items.build());
    }

    /** A value that may also be null, e.g. a release that could not be read. */
    public JsonSchema nullable() {
        schema.put("type", List.of(schema.get("type"), "null"));
        return this;
    }

    public JsonSchema description(String description) {
        return with("description", description);
    }

    public JsonSchema minimum(long minimum) {
        return with("minimum", minimum);
    }

    public JsonSchema maximum(long maximum) {
        return with("maximum", maximum);
    }

    public JsonSchema maxLength(int maxLength) {
        return with("maxLength", maxLength);
    }

    public JsonSchema defaultValue(Object value) {
        return with("default", value);
    }

    /** The values allowed; a {@link #nullable() nullable} schema allows null besides them. */
    public JsonSchema enumeration(String... values) {
        return with("enum", List.of(values));
    }

    public JsonSchema property(String name, JsonSchema property) {
        properties.put(name, property.build());
        return this;
    }

    public JsonSchema required(String... names) {
        required.addAll(Arrays.asList(names));
        return this;
    }

    /** Whether an object may have properties not declared; left unset, JSON Schema allows them. */
    public JsonSchema additionalProperties(boolean allowed) {
        return with("additionalProperties", allowed);
    }

    /** Sets any other keyword. */
    public JsonSchema with(String keyword, Object value) {
        schema.put(keyword, value);
        return this;
    }

    public Map<String, Object> build() {
        Map<String, Object> result = new LinkedHashMap<>(schema);
        if (result.get("enum") instanceof List<?> values && result.get("type") instanceof List<?> types
                && types.contains("null")) {
            List<Object> withNull = new ArrayList<>(values);
            if (!withNull.contains(null)) {
                withNull.add(null);
            }
            result.put("enum", withNull);
        }
        if (object) {
            result.put("properties", new LinkedHashMap<>(properties));
            if (!required.isEmpty()) {
                result.put("required", List.copyOf(required));
            }
        }
        return result;
    }
}
