package io.dynamicmcp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link ToolProvider} must meet. A provider's tests extend this class and implement
 * {@link #provider()}; override {@link #settings()} to open it with test settings.
 */
public abstract class ToolProviderContractTest {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final JsonSchemaValidator META_SCHEMA = new DefaultJsonSchemaValidator();

    @TempDir
    protected Path stateDirectory;

    /** A fresh instance, as ServiceLoader would make it. */
    protected abstract ToolProvider provider();

    /** Settings to open the provider with; none by default. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    protected TestContext context() {
        return new TestContext(settings(), stateDirectory);
    }

    @Test
    void isFoundByServiceLoader() {
        Class<?> type = provider().getClass();
        boolean found = ServiceLoader.load(ToolProvider.class, type.getClassLoader()).stream()
                .anyMatch(p -> p.type() == type);
        assertTrue(found, type.getName() + " is not listed in META-INF/services/" + ToolProvider.class.getName());
    }

    @Test
    void constructorStartsNothing() {
        long before = childCount();
        int threads = Thread.activeCount();
        for (int i = 0; i < 3; i++) {
            assertNotNull(provider().id());
        }
        assertEquals(before, childCount(), "constructing the provider started a process");
        assertTrue(Thread.activeCount() <= threads, "constructing the provider started a thread");
    }

    @Test
    void toolsHaveValidNamesAndSchemas() throws Exception {
        try (ToolSet set = provider().open(context())) {
            Set<String> names = new HashSet<>();
            assertFalse(set.tools().isEmpty(), "the provider offers no tool");
            for (Tool tool : set.tools()) {
                assertTrue(NAME.matcher(tool.name()).matches(), "tool name should be snake_case: " + tool.name());
                assertTrue(names.add(tool.name()), "duplicate tool name " + tool.name());
                assertFalse(tool.title().isBlank(), tool.name() + " has no title");
                assertTrue(tool.description().length() >= 40, tool.name() + " needs a description that says when to use it");
                checkObjectSchema(tool.name() + " input", tool.inputSchema(), true);
                tool.outputSchema().ifPresent(schema -> checkObjectSchema(tool.name() + " output", schema, false));
            }
        }
    }

    @Test
    void resourceSourcesListAndRefuseUnknownUris() throws Exception {
        try (ToolSet set = provider().open(context())) {
            Set<String> templates = new HashSet<>();
            Set<String> uris = new HashSet<>();
            for (ResourceSource source : set.resources()) {
                assertTrue(templates.add(source.uriTemplate()), "duplicate resource template " + source.uriTemplate());
                assertFalse(source.title().isBlank(), source.name() + " has no title");
                assertFalse(source.description().isBlank(), source.name() + " has no description");
                for (ResourceSource.Resource resource : source.lister().list()) {
                    assertTrue(uris.add(resource.uri()), "duplicate resource URI " + resource.uri());
                    assertFalse(resource.name().isBlank(), resource.uri() + " has no name");
                }
                String unknown = "contract-test://not/" + source.name();
                try {
                    String text = source.reader().read(unknown, "contract-test-caller");
                    fail(source.name() + " read " + unknown + " as: " + text);
                } catch (ToolException expected) {
                    assertFalse(expected.getMessage() == null || expected.getMessage().isBlank(),
                            source.name() + " refused " + unknown + " without a message");
                } catch (RuntimeException e) {
                    fail(source.name() + " threw " + e + " for " + unknown + "; throw ToolException instead");
                }
            }
        }
    }

    @Test
    void closeIsIdempotentAndLeavesNoChild() throws Exception {
        long before = childCount();
        try (TestContext context = context()) {
            ToolSet set = provider().open(context);
            set.close();
            set.close();
            assertEquals(List.of(), context.children(), "a child the set started outlived close()");
        }
        assertEquals(before, childCount(), "a child process outlived close()");
    }

    @Test
    void badArgumentsGiveAnErrorNotAnException() throws Exception {
        try (ToolSet set = provider().open(context())) {
            for (Tool tool : set.tools()) {
                Map<String, Object> bad = wrongTypes(tool.inputSchema());
                if (bad.isEmpty()) {
                    continue;
                }
                try {
                    ToolResult result = tool.handler().call(new TestToolCall(tool.name(), bad));
                    assertTrue(result.isError(), tool.name() + " accepted " + bad + ": " + result.text());
                } catch (ToolException expected) {
                    assertFalse(expected.getMessage() == null || expected.getMessage().isBlank(),
                            tool.name() + " rejected bad arguments without a message");
                } catch (RuntimeException e) {
                    fail(tool.name() + " threw " + e + " for bad arguments " + bad + "; throw ToolException instead");
                }
            }
        }
    }

    /**
     * The server does not check built-in tools' schemas against the JSON Schema meta-schema when it starts (that
     * costs start-up time; plugin tools' are checked): this test is where they are checked.
     */
    @SuppressWarnings("unchecked")
    private static void checkObjectSchema(String what, Map<String, Object> schema, boolean describedProperties) {
        JsonSchemaValidator.ValidationResponse meta = META_SCHEMA.validateSchema(schema);
        assertTrue(meta.valid(), what + " schema is not a valid JSON Schema: " + meta.errorMessage());
        assertEquals("object", schema.get("type"), what + " schema must be an object");
        Object properties = schema.get("properties");
        assertTrue(properties instanceof Map, what + " schema has no properties map");
        if (describedProperties) {
            ((Map<String, Object>) properties).forEach((name, property) -> {
                Object description = ((Map<String, Object>) property).get("description");
                assertTrue(description instanceof String text && !text.isBlank(), what + " property " + name + " has no description");
            });
        }
        Object required = schema.get("required");
        if (required != null) {
            for (Object name : (List<Object>) required) {
                assertTrue(((Map<String, Object>) properties).containsKey(name), what + " requires undeclared " + name);
            }
        }
    }

    /** For each declared property, a value of the wrong type. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> wrongTypes(Map<String, Object> inputSchema) {
        Map<String, Object> bad = new LinkedHashMap<>();
        Map<String, Object> properties = (Map<String, Object>) inputSchema.getOrDefault("properties", Map.of());
        properties.forEach((name, property) -> {
            Object type = ((Map<String, Object>) property).get("type");
            String first = type instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(type);
            switch (first) {
                case "string" -> bad.put(name, Map.of("not", "a string"));
                case "integer", "number" -> bad.put(name, "not a number");
                case "boolean" -> bad.put(name, "maybe");
                default -> { }
            }
        });
        return bad;
    }

    private static long childCount() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
    }
}
