package bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A measurement, not a product: the backends' tools as the distribution listed them (conf/catalog.json, its
 * tools/list answer), offered without loading either backend. It is the floor of answering the first tools/list
 * from a remembered catalog and opening the plugins after the handshake (docs/performance.md, issue 16).
 */
public final class CatalogFloorProvider implements ToolProvider {

    @Override
    public String id() {
        return "catalog-floor";
    }

    @Override
    @SuppressWarnings("unchecked")
    public ToolSet open(ProviderContext context) {
        Map<String, Object> answer;
        try {
            answer = new ObjectMapper().readValue(Path.of(System.getProperty("dynamic.mcp.home"), "conf", "catalog.json")
                    .toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Tool> tools = new ArrayList<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) ((Map<String, Object>) answer.get("result")).get("tools")) {
            if (entry.get("name").equals("server_info")) {
                continue; // the host's own
            }
            Map<String, Object> hints = (Map<String, Object>) entry.get("annotations");
            tools.add(Tool.builder((String) entry.get("name"))
                    .title((String) entry.get("title"))
                    .description((String) entry.get("description"))
                    .inputSchema((Map<String, Object>) entry.get("inputSchema"))
                    .outputSchema((Map<String, Object>) entry.get("outputSchema"))
                    .annotations(new ToolAnnotations((Boolean) hints.get("readOnlyHint"), (Boolean) hints.get("destructiveHint"),
                            (Boolean) hints.get("idempotentHint"), (Boolean) hints.get("openWorldHint")))
                    .handler(call -> ToolResult.error("a measurement: this tool only lists"))
                    .build());
        }
        return new ToolSet() {
            @Override
            public List<Tool> tools() {
                return tools;
            }

            @Override
            public void close() {
            }
        };
    }
}
