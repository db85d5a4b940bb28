package io.dynamicmcp.core.mcp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.core.host.DiscoveredProvider;
import io.dynamicmcp.core.host.StartupException;
import io.dynamicmcp.core.host.ToolHost;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.core.host.PlainContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

class McpServerAssemblerTest {

    /** "objekt" is not a JSON Schema type. */
    private static final Map<String, Object> INVALID_SCHEMA = Map.of("type", "objekt", "properties", Map.of());

    @TempDir
    Path state;

    @Test
    void aPluginToolWithAnInvalidSchemaStopsStartUpNamingToolAndPlugin() {
        try (ToolHost host = open(new DiscoveredProvider(provider(), "plugins/broken.jar"));
                McpServerAssembler assembler = new McpServerAssembler(host, "test")) {
            StartupException e = assertThrows(StartupException.class, () -> assembler.assemble(McpServer.sync(transport())));
            assertTrue(e.getMessage().contains("'broken_tool'") && e.getMessage().contains("plugins/broken.jar")
                    && e.getMessage().contains("input schema"), e.getMessage());
        }
    }

    @Test
    void builtInToolSchemasAreLeftToTheContractTest() {
        try (ToolHost host = open(new DiscoveredProvider(provider(), "class path", true));
                McpServerAssembler assembler = new McpServerAssembler(host, "test")) {
            // the SDK would refuse this schema (IllegalArgumentException) if it still checked it while building
            McpSyncServer server = assertDoesNotThrow(() -> assembler.assemble(McpServer.sync(transport())));
            assertEquals(List.of("broken_tool"), server.listTools().stream().map(tool -> tool.name()).toList());
            server.closeGracefully();
        }
    }

    private ToolHost open(DiscoveredProvider found) {
        return ToolHost.open(List.of(found), (id, changed) -> new PlainContext(Map.of(), state));
    }

    private static ToolProvider provider() {
        Tool tool = Tool.builder("broken_tool").title("Broken").description("a tool whose input schema is not valid")
                .inputSchema(INVALID_SCHEMA).handler(call -> ToolResult.text("never")).build();
        return new ToolProvider() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public ToolSet open(io.dynamicmcp.spi.ProviderContext context) {
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
    }

    private static McpServerTransportProvider transport() {
        return new McpServerTransportProvider() {
            @Override
            public void setSessionFactory(McpServerSession.Factory sessionFactory) {
            }

            @Override
            public Mono<Void> notifyClients(String method, Object params) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> closeGracefully() {
                return Mono.empty();
            }
        };
    }
}
