package io.dynamicmcp.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks tool arguments and structured results, finding a schema's compiled form by the schema object. The SDK's
 * own validator hashes the whole schema map on every call to find it, so two different schemas with equal hash
 * codes share one compiled form; it also renders every valid result as a JSON string, which the SDK reads only
 * for a result without content, and ours always carry their text. A tool's schema is one map for the server's
 * life, so a few dozen are kept; past {@link #MAX_SCHEMAS} (schemas made per call) each is compiled afresh.
 * Whether a schema is valid JSON Schema is the SDK validator's question.
 */
final class SchemasByIdentity implements JsonSchemaValidator {

    static final int MAX_SCHEMAS = 10_000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());
    private final Map<Identity, Schema> compiled = new ConcurrentHashMap<>();
    private final DefaultJsonSchemaValidator schemaChecker = new DefaultJsonSchemaValidator(mapper);

    SchemasByIdentity() {
        // the registry loads the 2020-12 vocabularies with its first schema: here, off the first call's path
        registry.getSchema(mapper.<JsonNode>valueToTree(Map.of("type", "object")));
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        if (schema == null || structuredContent == null) {
            throw new IllegalArgumentException(schema == null ? "Schema must not be null"
                    : "Structured content must not be null");
        }
        try {
            JsonNode content = structuredContent instanceof String text ? mapper.readTree(text)
                    : mapper.valueToTree(structuredContent);
            List<Error> errors = compiledFor(schema).validate(content);
            return errors.isEmpty() ? ValidationResponse.asValid(null)
                    : ValidationResponse.asInvalid("Validation failed: JSON schema validation errors: " + errors);
        } catch (Exception e) {
            return ValidationResponse.asInvalid("Unexpected validation error: " + e.getMessage());
        }
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return schemaChecker.validateSchema(schema);
    }

    private Schema compiledFor(Map<String, Object> schema) {
        Identity key = new Identity(schema);
        Schema known = compiled.get(key);
        if (known != null) {
            return known;
        }
        Schema made = registry.getSchema(mapper.<JsonNode>valueToTree(schema));
        if (compiled.size() < MAX_SCHEMAS) {
            compiled.putIfAbsent(key, made);
        }
        return made;
    }

    /** A schema map as a key by identity: equal only to itself, however equal its contents. */
    private record Identity(Map<String, Object> schema) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
