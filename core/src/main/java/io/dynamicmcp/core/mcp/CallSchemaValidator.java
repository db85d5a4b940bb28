package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JSON-schema validator the SDK checks tool arguments and structured results with, made when the first tool call
 * needs it: making one loads and compiles the JSON Schema meta-schemas (about 100 ms of CPU and 7 MB of memory),
 * which neither start-up nor the initialize and tools/list answers need.
 *
 * <p>{@link #assertConforms}, which the SDK calls on every tool's schemas while it builds a server, does nothing:
 * the schemas were checked before they got there — built-in tools' by the contract test when the server is built,
 * plugin tools' by {@link McpServerAssembler} when it first assembles a server.
 */
final class CallSchemaValidator implements JsonSchemaValidator {

    private final Supplier<JsonSchemaValidator> factory;
    private volatile JsonSchemaValidator validator;

    CallSchemaValidator(Supplier<JsonSchemaValidator> factory) {
        this.factory = factory;
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return validator().validate(schema, structuredContent);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return validator().validateSchema(schema);
    }

    @Override
    public void assertConforms(String what, Map<String, Object> schema) {
        // checked before the SDK sees it: see the class comment
    }

    private JsonSchemaValidator validator() {
        JsonSchemaValidator made = validator;
        if (made == null) {
            synchronized (this) {
                made = validator;
                if (made == null) {
                    made = factory.get();
                    validator = made;
                }
            }
        }
        return made;
    }
}
