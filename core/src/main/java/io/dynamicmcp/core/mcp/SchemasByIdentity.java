package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SDK's validator, finding a schema's compiled form by the schema object rather than by its deep hash code: the
 * SDK hashes the whole schema map on every tool call to look it up, and two different schemas with equal hash codes
 * would share one compiled form. A tool's schema is one map for the server's life, so a few dozen keys are kept;
 * past {@link #MAX_KEYS} (schemas made per call) the SDK's own key is used.
 */
final class SchemasByIdentity extends DefaultJsonSchemaValidator {

    static final int MAX_KEYS = 10_000;

    private final Map<Map<String, Object>, String> keys = Collections.synchronizedMap(new IdentityHashMap<>());
    private final AtomicLong next = new AtomicLong();

    @Override
    protected String generateCacheKey(Map<String, Object> schema) {
        String key = keys.get(schema);
        if (key != null) {
            return key;
        }
        if (keys.size() >= MAX_KEYS) {
            return super.generateCacheKey(schema);
        }
        return keys.computeIfAbsent(schema, ignored -> "schema#" + next.incrementAndGet());
    }
}
