package io.dynamicmcp.core.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CallSchemaValidatorTest {

    private static final Map<String, Object> SCHEMA = Map.of("type", "object");

    private final List<Thread> makers = new CopyOnWriteArrayList<>();
    private final CallSchemaValidator validator = new CallSchemaValidator(() -> {
        makers.add(Thread.currentThread());
        return new SchemasByIdentity();
    });

    @Test
    void unpreparedItIsMadeByItsFirstUserOnThatThread() {
        assertTrue(validator.validate(SCHEMA, Map.of()).valid());
        assertTrue(validator.validateSchema(SCHEMA).valid());
        assertEquals(List.of(Thread.currentThread()), makers);
    }

    @Test
    void preparedItIsMadeOnceOnAThreadOfItsOwn() {
        validator.prepareInBackground();
        validator.prepareInBackground();
        JsonSchemaValidator.ValidationResponse response = validator.validate(SCHEMA, List.of());
        assertEquals(false, response.valid(), "an array is not an object: " + response);
        assertEquals(1, makers.size());
        assertNotEquals(Thread.currentThread(), makers.get(0));
        assertEquals("schema-validator-init", makers.get(0).getName());
    }
}
