package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The JSON-schema validator the SDK checks tool arguments and structured results with, made on its own thread while
 * the server starts: making one loads and compiles the JSON Schema meta-schemas (about 100 ms of CPU), which the
 * initialize and tools/list answers do not need. Made at the first tool call instead, it cost that call the 100 ms
 * (measured: crash session starts 1.03× → 1.07× of crash's own); made in the background it costs start-up ~15 ms.
 *
 * <p>{@link #assertConforms}, which the SDK calls on every tool's schemas while it builds a server, does nothing:
 * the schemas were checked before they got there — built-in tools' by the contract test when the server is built,
 * plugin tools' by {@link McpServerAssembler} when it first assembles a server.
 */
final class CallSchemaValidator implements JsonSchemaValidator {

    private final CompletableFuture<JsonSchemaValidator> validator = new CompletableFuture<>();

    CallSchemaValidator(Supplier<JsonSchemaValidator> factory) {
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

    @Override
    public void assertConforms(String what, Map<String, Object> schema) {
        // checked before the SDK sees it: see the class comment
    }

    private JsonSchemaValidator validator() {
        try {
            return validator.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
