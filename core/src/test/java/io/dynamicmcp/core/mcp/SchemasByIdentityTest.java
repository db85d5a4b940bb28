package io.dynamicmcp.core.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemasByIdentityTest {

    private static Map<String, Object> requiring(String property) {
        return Map.of("type", "object", "properties", Map.of(property, Map.of("type", "string")),
                "required", List.of(property));
    }

    @Test
    void schemasWithEqualHashCodesAreCheckedEachByItself() {
        Map<String, Object> aa = requiring("Aa");
        Map<String, Object> bb = requiring("BB");
        assertEquals(aa.hashCode(), bb.hashCode(), "the two schemas must collide for this test to mean anything");
        SchemasByIdentity validator = new SchemasByIdentity();

        assertTrue(validator.validate(aa, Map.of("Aa", "x")).valid());
        assertFalse(validator.validate(bb, Map.of("Aa", "x")).valid(), "BB is required by the second schema");
        assertTrue(validator.validate(bb, Map.of("BB", "x")).valid());
        assertFalse(validator.validate(aa, Map.of("BB", "x")).valid());
    }

    @Test
    void aSchemaThatIsNotJsonSchemaIsReported() {
        SchemasByIdentity validator = new SchemasByIdentity();
        assertFalse(validator.validateSchema(Map.of("$schema", "https://json-schema.org/draft/2020-12/schema",
                "type", 5)).valid());
        assertTrue(validator.validateSchema(requiring("Aa")).valid());
    }

    @Test
    void aResultThatBreaksItsSchemaSaysWhy() {
        var answer = new SchemasByIdentity().validate(requiring("Aa"), Map.of("Aa", 1));
        assertFalse(answer.valid());
        assertTrue(answer.errorMessage().contains("Aa"), answer.errorMessage());
    }
}
