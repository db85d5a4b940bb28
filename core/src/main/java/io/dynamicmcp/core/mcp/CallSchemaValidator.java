package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The JSON-schema validator the SDK checks tool arguments and structured results with, made on its own thread when
 * {@link #prepare()} is first called or a tool call first needs it: making one loads and compiles the JSON Schema
 * meta-schemas (about 100 ms of CPU and 7 MB), which nothing before the first {@code tools/call} needs.
 *
 * <p>{@link #assertConforms}, which the SDK calls on every tool's schemas while it builds a server, does nothing:
 * the schemas were checked before they got there — built-in tools' by the contract test when the server is built,
 * plugin tools' by {@link McpServerAssembler} when it first assembles a server.
 */
final class CallSchemaValidator implements JsonSchemaValidator {

    private final CompletableFuture<JsonSchemaValidator> validator = new CompletableFuture<>();
    private final Thread maker;
    private boolean started;

    CallSchemaValidator(Supplier<JsonSchemaValidator> factory) {
        maker = new Thread(() -> {
            try {
                validator.complete(factory.get());
            } catch (Throwable e) {
                validator.completeExceptionally(e);
            }
        }, "schema-validator-init");
        maker.setDaemon(true);
    }

    /** Starts making the validator in the background, if that has not started yet. */
    synchronized void prepare() {
        if (!started) {
            started = true;
            maker.start();
        }
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
        prepare();
        try {
            return validator.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
