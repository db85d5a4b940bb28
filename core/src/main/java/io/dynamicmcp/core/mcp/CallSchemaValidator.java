package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The JSON-schema validator the SDK checks tool arguments and structured results with, made on its own thread once
 * the client has what it needs before it can call a tool ({@link #prepareInBackground}): making one loads and
 * compiles the JSON Schema meta-schemas (~50 ms of CPU on two cores), which the initialize and tools/list answers do
 * not need. Made while the server started, it competed with them for the cores (~30 ms later tools/list); made at
 * the first tool call, it cost that call the whole time (crash session starts 1.03× → 1.07× of crash's own). Whatever
 * needs it first, if nothing prepared it, makes it then.
 *
 * <p>{@link #assertConforms}, which the SDK calls on every tool's schemas while it builds a server, does nothing:
 * the schemas were checked before they got there — built-in tools' by the contract test when the server is built,
 * plugin tools' by {@link McpServerAssembler} when it first assembles a server.
 */
final class CallSchemaValidator implements JsonSchemaValidator {

    private final Supplier<JsonSchemaValidator> factory;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<JsonSchemaValidator> validator = new CompletableFuture<>();

    CallSchemaValidator(Supplier<JsonSchemaValidator> factory) {
        this.factory = factory;
    }

    /** Starts making the validator on a thread of its own, unless that has begun. */
    void prepareInBackground() {
        if (started.compareAndSet(false, true)) {
            Thread thread = new Thread(this::make, "schema-validator-init");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void make() {
        try {
            validator.complete(factory.get());
        } catch (Throwable e) {
            validator.completeExceptionally(e);
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
        if (started.compareAndSet(false, true)) {
            make();
        }
        try {
            return validator.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
