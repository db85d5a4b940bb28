package io.dynamicmcp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every call through a hosted provider is held to the tool's output schema, as the host holds it. */
class HostedProviderTest {

    @TempDir
    Path state;

    /** One tool, "host", whose output schema asks for a string {@code host} and which answers what it is given. */
    private static final ToolProvider PROVIDER = new ToolProvider() {
        @Override
        public String id() {
            return "schema-test";
        }

        @Override
        public ToolSet open(ProviderContext context) {
            Tool tool = Tool.builder("host").title("Host").description("Answers its host argument as its structured result.")
                    .inputSchema(JsonSchema.object().build())
                    .outputSchema(JsonSchema.object().property("host", JsonSchema.string()).required("host").build())
                    .handler(call -> {
                        Map<String, Object> structured = new HashMap<>();
                        structured.put("host", call.arguments().asMap().get("host"));
                        return call.arguments().asMap().containsKey("text only") ? ToolResult.text("no structure")
                                : ToolResult.success("answered", structured);
                    })
                    .build();
            return new ToolSet() {
                @Override
                public List<Tool> tools() {
                    return List.of(tool);
                }

                @Override
                public void close() {
                }
            };
        }
    };

    @Test
    void aResultThatMatchesItsSchemaPasses() throws Exception {
        try (HostedProvider hosted = HostedProvider.open(PROVIDER, Map.of(), state)) {
            assertEquals("web-7", hosted.callOk("host", Map.of("host", "web-7")).get("host"));
        }
    }

    @Test
    void aNullWhereTheSchemaWantsAStringFailsEveryKindOfCall() throws Exception {
        try (HostedProvider hosted = HostedProvider.open(PROVIDER, Map.of(), state)) {
            Map<String, Object> nullHost = new HashMap<>();
            nullHost.put("host", null);
            AssertionError viaCall = assertThrows(AssertionError.class, () -> hosted.call("host", nullHost));
            assertTrue(viaCall.getMessage().startsWith("host: "), viaCall.getMessage());
            assertThrows(AssertionError.class, () -> hosted.callOk("host", nullHost, "someone"));
            AssertionError textOnly = assertThrows(AssertionError.class, () -> hosted.call("host", Map.of("text only", true)));
            assertTrue(textOnly.getMessage().contains("gave no structured result"), textOnly.getMessage());
        }
    }
}
