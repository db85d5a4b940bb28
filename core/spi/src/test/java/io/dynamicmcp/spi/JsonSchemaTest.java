package io.dynamicmcp.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemaTest {

    @Test
    void aNullableEnumerationAllowsNull() {
        assertEquals(Arrays.asList("folder", "dump_header", null),
                JsonSchema.string().nullable().enumeration("folder", "dump_header").build().get("enum"));
        assertEquals(Arrays.asList("folder", "dump_header", null),
                JsonSchema.string().enumeration("folder", "dump_header").nullable().build().get("enum"));
    }

    @Test
    void anEnumerationAllowsOnlyItsValues() {
        assertEquals(List.of("a", "b"), JsonSchema.string().enumeration("a", "b").build().get("enum"));
    }
}
