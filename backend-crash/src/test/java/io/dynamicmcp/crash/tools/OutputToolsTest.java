package io.dynamicmcp.crash.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.output.CapturedOutput;
import io.dynamicmcp.crash.output.OutputCapture;
import io.dynamicmcp.crash.output.OutputPager;
import io.dynamicmcp.crash.output.OutputSearcher;
import io.dynamicmcp.crash.output.OutputStore;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.testkit.TestToolCall;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputToolsTest {

    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("unchecked")
    void pageAndSearchThroughTheTools() throws IOException {
        try (OutputStore store = OutputStore.open(temp, 4096, 1 << 20)) {
            OutputCapture capture = store.begin("s", "caller-a", "test");
            for (int i = 0; i < 3000; i++) {
                capture.line("row " + i);
            }
            CapturedOutput out = capture.finish();
            Map<String, Tool> tools = new java.util.HashMap<>();
            for (Tool tool : List.of(new GetCommandOutputTool(new OutputPager(store)).tool(),
                    new SearchCommandOutputTool(new OutputSearcher(store)).tool())) {
                tools.put(tool.name(), tool);
            }
            assertEquals(2, tools.size());
            for (Tool tool : tools.values()) {
                assertTrue(tool.annotations().readOnly());
                assertTrue(tool.outputSchema().isPresent());
                assertTrue(tool.description().length() > 100);
            }

            ToolResult page = tools.get("get_command_output").handler().call(new TestToolCall("get_command_output",
                    Map.of("output_id", out.outputId(), "offset", 10, "limit", 3), "caller-a"));
            assertFalse(page.isError());
            Map<String, Object> structured = page.structured().orElseThrow();
            assertEquals(List.of("row 10", "row 11", "row 12"), structured.get("lines"));
            assertEquals(13L, structured.get("next_offset"));
            assertEquals(3000L, structured.get("total_lines"));
            assertTrue(page.text().contains("offset=13"), page.text());
            requiredKeysPresent(tools.get("get_command_output"), structured);

            ToolResult end = tools.get("get_command_output").handler().call(new TestToolCall("get_command_output",
                    Map.of("output_id", out.outputId(), "offset", 2999), "caller-a"));
            assertNull(end.structured().orElseThrow().get("next_offset"));
            assertTrue(end.text().contains("end of output"));

            ToolResult search = tools.get("search_command_output").handler().call(new TestToolCall(
                    "search_command_output", Map.of("output_id", out.outputId(), "pattern", "^ROW 2999$",
                            "ignore_case", true, "context", 1), "caller-a"));
            Map<String, Object> found = search.structured().orElseThrow();
            List<Map<String, Object>> matches = (List<Map<String, Object>>) found.get("matches");
            assertEquals(1, matches.size());
            assertEquals(2999L, matches.get(0).get("offset"));
            assertEquals(3000L, matches.get(0).get("line"));
            assertEquals(List.of("row 2998"), matches.get(0).get("before"));
            assertEquals(List.of(), matches.get(0).get("after"));
            assertEquals(true, found.get("complete"));
            requiredKeysPresent(tools.get("search_command_output"), found);
            assertTrue(search.text().contains("3000: row 2999"), search.text());

            ToolException other = assertThrows(ToolException.class, () -> tools.get("get_command_output").handler()
                    .call(new TestToolCall("get_command_output", Map.of("output_id", out.outputId()), "caller-b")));
            assertTrue(other.getMessage().startsWith("no such output"));
            ToolException badPattern = assertThrows(ToolException.class, () -> tools.get("search_command_output")
                    .handler().call(new TestToolCall("search_command_output",
                            Map.of("output_id", out.outputId(), "pattern", "(x"), "caller-a")));
            assertTrue(badPattern.getMessage().contains("not a valid regular expression"));
            assertThrows(ToolException.class, () -> tools.get("get_command_output").handler().call(new TestToolCall(
                    "get_command_output", Map.of("output_id", out.outputId(), "limit", 100_000), "caller-a")));
        }
    }

    @SuppressWarnings("unchecked")
    private static void requiredKeysPresent(Tool tool, Map<String, Object> structured) {
        List<String> required = (List<String>) tool.outputSchema().orElseThrow().get("required");
        assertTrue(structured.keySet().containsAll(required), structured.keySet() + " lacks some of " + required);
        Map<String, Object> properties = (Map<String, Object>) tool.outputSchema().orElseThrow().get("properties");
        assertTrue(properties.keySet().containsAll(structured.keySet()));
    }
}
