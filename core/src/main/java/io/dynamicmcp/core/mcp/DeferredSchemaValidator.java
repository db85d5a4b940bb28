package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The SDK's JSON-schema validator, made on its own thread: making one loads and compiles the JSON Schema
 * meta-schemas (about 50 ms at start-up), and nothing needs it before the first {@code tools/call}.
 */
final class DeferredSchemaValidator implements JsonSchemaValidator {

    private final CompletableFuture<JsonSchemaValidator> validator = new CompletableFuture<>();

    DeferredSchemaValidator(Supplier<JsonSchemaValidator> factory) {
        Thread thread = new Thread(() -> {
            try {
                validator.complete(factory.get());
            } catch (Throwable e) {
                validator.completeExceptionally(e);
            }
        }, "schema-validator-init");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return validator().validate(schema, structuredContent);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return validator().validateSchema(schema);
    }

    private JsonSchemaValidator validator() {
        try {
            return validator.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
