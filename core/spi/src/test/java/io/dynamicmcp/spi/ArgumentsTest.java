package io.dynamicmcp.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void readsTypedValuesAndAcceptsNumericStrings() {
        Arguments args = new Arguments(Map.of("command", "bt", "timeout", 30, "limit", "40", "flag", "true"));
        assertEquals("bt", args.requiredString("command"));
        assertEquals(30, args.integer("timeout", 120, 1, 3600));
        assertEquals(40, args.integer("limit", 1, 1, 100));
        assertTrue(args.bool("flag", false));
        assertEquals(120, args.integer("absent", 120, 1, 3600));
    }

    @Test
    void rejectsBadValuesWithMessagesNamingTheArgument() {
        Map<String, Object> values = new HashMap<>();
        values.put("command", 42);
        values.put("timeout", "soon");
        values.put("big", 10_000);
        values.put("frac", 1.5);
        values.put("flag", "maybe");
        values.put("blank", "  ");
        Arguments args = new Arguments(values);
        assertEquals("argument 'command' must be a string, got 42",
                assertThrows(ToolException.class, () -> args.string("command")).getMessage());
        assertTrue(assertThrows(ToolException.class, () -> args.integer("timeout", 1, 1, 10)).getMessage()
                .startsWith("argument 'timeout' must be a whole number from 1 to 10"));
        assertEquals("argument 'big' must be from 1 to 3600, got 10000",
                assertThrows(ToolException.class, () -> args.integer("big", 1, 1, 3600)).getMessage());
        assertThrows(ToolException.class, () -> args.integer("frac", 1, 1, 10));
        assertThrows(ToolException.class, () -> args.bool("flag", false));
        assertEquals("argument 'blank' is required",
                assertThrows(ToolException.class, () -> args.requiredString("blank")).getMessage());
        assertFalse(args.has("nothing"));
    }

    @Test
    void schemaBuilderProducesObjectSchemas() {
        Map<String, Object> schema = JsonSchema.object()
                .property("command", JsonSchema.string().description("a command").maxLength(10))
                .property("timeout", JsonSchema.integer().minimum(1).maximum(5).defaultValue(2))
                .required("command")
                .build();
        assertEquals("object", schema.get("type"));
        assertEquals(List.of("command"), schema.get("required"));
        @SuppressWarnings("unchecked")
        Map<String, Object> timeout = (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("timeout");
        assertEquals(Map.of("type", "integer", "minimum", 1L, "maximum", 5L, "default", 2), timeout);
        assertEquals(List.of("string", "null"), JsonSchema.string().nullable().build().get("type"));
        Map<String, Object> nullableObject = JsonSchema.object().property("a", JsonSchema.string()).nullable().build();
        assertEquals(List.of("object", "null"), nullableObject.get("type"));
        assertTrue(((Map<?, ?>) nullableObject.get("properties")).containsKey("a"), "a nullable object lost its properties");
    }
}
