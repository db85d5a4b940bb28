import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The MCP Java SDK and nothing else: one echo tool over the SDK's stdio transport, on the libraries of the
 * distribution. scripts/bench starts it (with its own class-data archive and the launcher's JVM options, see
 * make-bare-sdk-server) beside the reference server: the floor that a Java MCP server on this JVM starts from.
 * It ends when stdin ends.
 */
public final class BareSdkServer {

    public static void main(String[] args) {
        var mapper = new JacksonMcpJsonMapper(new ObjectMapper());
        var echo = McpSchema.Tool.builder("echo", Map.of("type", "object", "properties",
                Map.of("text", Map.of("type", "string")))).description("Answers with its text").build();
        var spec = McpServerFeatures.SyncToolSpecification.builder().tool(echo)
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                        .addTextContent(String.valueOf(request.arguments().get("text"))).build())
                .build();
        McpServer.sync(new StdioServerTransportProvider(mapper, new EndsAtEof(System.in), System.out))
                .serverInfo("bare-java-sdk", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mapper)
                .tools(spec)
                .build();
    }

    /** stdin that ends the process at its end, as the servers measured beside it do. */
    private static final class EndsAtEof extends FilterInputStream {

        EndsAtEof(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return ended(super.read());
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return ended(super.read(bytes, offset, length));
        }

        private static int ended(int read) {
            if (read < 0) {
                System.out.flush();
                System.exit(0);
            }
            return read;
        }
    }
}
