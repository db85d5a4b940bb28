package io.dynamicmcp.crash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.dynamicmcp.spi.Tool;
import java.util.Map;

/** Checks structured content against a tool's output schema with the validator the MCP SDK itself uses. */
final class OutputSchemaCheck {

    private OutputSchemaCheck() {
    }

    static void assertMatches(Tool tool, Map<String, Object> structured) {
        Map<String, Object> schema = tool.outputSchema().orElseThrow();
        JsonSchemaValidator.ValidationResponse response = new DefaultJsonSchemaValidator().validate(schema, structured);
        assertTrue(response.valid(), tool.name() + ": " + response.errorMessage());
    }
}
