package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.output.OutputPage;
import io.dynamicmcp.crash.output.OutputPager;
import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code get_command_output}: a page of a crash command output that was too large to return whole. */
public final class GetCommandOutputTool {

    static final int DEFAULT_PAGE_LINES = 500;

    private final OutputPager pager;

    public GetCommandOutputTool(OutputPager pager) {
        this.pager = requireNonNull(pager, "pager is null");
    }

    public Tool tool() {
        return Tool.builder("get_command_output")
                .title("Page through a large crash command output")
                .description("Returns lines of a crash command output that was too large to return whole. Use it when"
                        + " a crash_command result says lines were omitted and gives an output_id: pass that id and the"
                        + " offset from the result (0-based line number), then keep passing next_offset until it is"
                        + " null. To find specific lines, search_command_output is usually faster. Outputs are removed"
                        + " when their crash session closes.")
                .inputSchema(JsonSchema.object()
                        .property("output_id", Schemas.outputId())
                        .property("offset", JsonSchema.integer().minimum(0).maximum(Integer.MAX_VALUE).defaultValue(0)
                                .description("The 0-based line to start at"))
                        .property("limit", JsonSchema.integer().minimum(1).maximum(OutputPager.MAX_LINES)
                                .defaultValue(DEFAULT_PAGE_LINES).description("The most lines to return; a page also"
                                        + " stops before it would exceed " + pager.maxBytes() + " bytes"))
                        .required("output_id")
                        .additionalProperties(false)
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("output_id", JsonSchema.string())
                        .property("offset", JsonSchema.integer().description("0-based number of the first line"))
                        .property("lines", JsonSchema.array(JsonSchema.string()))
                        .property("next_offset", JsonSchema.integer().nullable()
                                .description("Where the next page starts; null at the end"))
                        .property("total_lines", JsonSchema.integer().description("Lines the command printed"))
                        .property("stored_lines", JsonSchema.integer()
                                .description("Lines kept; fewer than total_lines when the store was full"))
                        .required("output_id", "offset", "lines", "next_offset", "total_lines", "stored_lines")
                        .build())
                .annotations(ToolAnnotations.READ_ONLY)
                .handler(this::page)
                .build();
    }

    private ToolResult page(ToolCall call) {
        Arguments args = call.arguments();
        String id = args.requiredString("output_id");
        long offset = args.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = (int) args.integer("limit", DEFAULT_PAGE_LINES, 1, OutputPager.MAX_LINES);
        OutputPage page = pager.page(id, call.callerId(), offset, limit);
        StringBuilder text = new StringBuilder();
        page.lines().forEach(line -> text.append(line).append('\n'));
        long last = page.offset() + page.lines().size();
        text.append("[lines ").append(page.offset()).append('-').append(last - 1).append(" of ")
                .append(page.storedLines()).append(" (0-based)");
        if (page.nextOffset() != null) {
            text.append("; next: get_command_output(output_id=\"").append(id).append("\", offset=")
                    .append(page.nextOffset()).append(')');
        } else {
            text.append("; end of output");
        }
        if (page.storedLines() < page.totalLines()) {
            text.append("; ").append(page.totalLines() - page.storedLines())
                    .append(" later lines were not stored (the output store was full)");
        }
        text.append(']');
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("output_id", id);
        structured.put("offset", page.offset());
        structured.put("lines", page.lines());
        structured.put("next_offset", page.nextOffset());
        structured.put("total_lines", page.totalLines());
        structured.put("stored_lines", page.storedLines());
        return ToolResult.success(text.toString(), structured);
    }
}
