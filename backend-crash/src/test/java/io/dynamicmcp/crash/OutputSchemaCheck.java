package io.dynamicmcp.crash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.dynamicmcp.spi.Tool;
import java.util.Map;

/** Checks structured content against a tool's output schema with the validator the MCP SDK itself uses. */
public final class OutputSchemaCheck {

    private OutputSchemaCheck() {
    }

    static void assertMatches(Tool tool, Map<String, Object> structured) {
        assertMatches(tool.name(), tool.outputSchema().orElseThrow(), structured);
    }

    /** Checks {@code structured} against {@code schema}, naming {@code what} when it does not match. */
    public static void assertMatches(String what, Map<String, Object> schema, Map<String, Object> structured) {
        JsonSchemaValidator.ValidationResponse response = new DefaultJsonSchemaValidator().validate(schema, structured);
        assertTrue(response.valid(), what + ": " + response.errorMessage());
    }
}
