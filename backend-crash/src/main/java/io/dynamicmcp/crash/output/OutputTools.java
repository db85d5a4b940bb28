package io.dynamicmcp.crash.output;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.filter.LinePattern;
import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code get_command_output} and {@code search_command_output} tools over the stored outputs. */
public final class OutputTools {

    static final int DEFAULT_PAGE_LINES = 500;
    static final int DEFAULT_MATCHES = 50;
    static final int DEFAULT_CONTEXT = 2;

    private final OutputPager pager;
    private final OutputSearcher searcher;

    public OutputTools(OutputPager pager, OutputSearcher searcher) {
        this.pager = requireNonNull(pager, "pager is null");
        this.searcher = requireNonNull(searcher, "searcher is null");
    }

    public List<Tool> tools() {
        return List.of(getCommandOutput(), searchCommandOutput());
    }

    private static JsonSchema outputIdProperty() {
        return JsonSchema.string().maxLength(64).description("The output_id a crash_command result gave when its output"
                + " was too large to return whole, e.g. \"out-3f2a...\"");
    }

    Tool getCommandOutput() {
        return Tool.builder("get_command_output")
                .title("Page through a large crash command output")
                .description("Returns lines of a crash command output that was too large to return whole. Use it when"
                        + " a crash_command result says lines were omitted and gives an output_id: pass that id and the"
                        + " offset from the result (0-based line number), then keep passing next_offset until it is"
                        + " null. To find specific lines, search_command_output is usually faster. Outputs are removed"
                        + " when their crash session closes.")
                .inputSchema(JsonSchema.object()
                        .property("output_id", outputIdProperty())
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

    Tool searchCommandOutput() {
        return Tool.builder("search_command_output")
                .title("Search a large crash command output")
                .description("Finds the lines matching a regular expression (Java syntax, like grep -E) in a crash"
                        + " command output that was too large to return whole, with lines of context around each. Use"
                        + " it with the output_id a crash_command result gave, e.g. to find a task, symbol or address"
                        + " in the output of 'foreach bt' or 'kmem -s'. Each match's offset can be passed to"
                        + " get_command_output to read around it. For outputs returned whole, use crash_command's"
                        + " own grep argument or '| grep PATTERN' instead.")
                .inputSchema(JsonSchema.object()
                        .property("output_id", outputIdProperty())
                        .property("pattern", JsonSchema.string().maxLength(LinePattern.MAX_LENGTH)
                                .description("A regular expression, e.g. \"sysrq_handle_crash|panic\""))
                        .property("ignore_case", JsonSchema.bool().defaultValue(false)
                                .description("Match regardless of case"))
                        .property("context", JsonSchema.integer().minimum(0).maximum(OutputSearcher.MAX_CONTEXT)
                                .defaultValue(DEFAULT_CONTEXT).description("Lines to show before and after each match"))
                        .property("max_matches", JsonSchema.integer().minimum(1).maximum(OutputSearcher.MAX_MATCHES)
                                .defaultValue(DEFAULT_MATCHES).description("The most matches to return"))
                        .property("offset", JsonSchema.integer().minimum(0).maximum(Integer.MAX_VALUE).defaultValue(0)
                                .description("The 0-based line to start searching at (a previous result's"
                                        + " resume_offset)"))
                        .required("output_id", "pattern")
                        .additionalProperties(false)
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("output_id", JsonSchema.string())
                        .property("pattern", JsonSchema.string())
                        .property("matches", JsonSchema.array(JsonSchema.object()
                                .property("offset", JsonSchema.integer().description("0-based line number"))
                                .property("line", JsonSchema.integer().description("1-based line number"))
                                .property("text", JsonSchema.string())
                                .property("before", JsonSchema.array(JsonSchema.string()))
                                .property("after", JsonSchema.array(JsonSchema.string()))
                                .required("offset", "line", "text", "before", "after")))
                        .property("complete", JsonSchema.bool()
                                .description("False when more matches follow resume_offset"))
                        .property("resume_offset", JsonSchema.integer().nullable()
                                .description("Pass as offset to continue the search; null when complete"))
                        .property("stored_lines", JsonSchema.integer())
                        .property("too_expensive_lines", JsonSchema.integer()
                                .description("Lines the pattern needed too much work on; counted as not matching"))
                        .required("output_id", "pattern", "matches", "complete", "resume_offset", "stored_lines",
                                "too_expensive_lines")
                        .build())
                .annotations(ToolAnnotations.READ_ONLY)
                .handler(this::search)
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

    private ToolResult search(ToolCall call) {
        Arguments args = call.arguments();
        String id = args.requiredString("output_id");
        String regex = args.requiredString("pattern");
        LinePattern pattern = LinePattern.compile("argument 'pattern'", regex, args.bool("ignore_case", false), false,
                false);
        int context = (int) args.integer("context", DEFAULT_CONTEXT, 0, OutputSearcher.MAX_CONTEXT);
        int most = (int) args.integer("max_matches", DEFAULT_MATCHES, 1, OutputSearcher.MAX_MATCHES);
        long offset = args.integer("offset", 0, 0, Integer.MAX_VALUE);
        OutputMatches result = searcher.search(id, call.callerId(), pattern, context, most, offset);
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> matches = new ArrayList<>();
        for (OutputMatches.Match match : result.matches()) {
            long first = match.offset() - match.before().size();
            text.append("--- line ").append(match.offset() + 1).append(" (offset ").append(match.offset()).append(")\n");
            for (int i = 0; i < match.before().size(); i++) {
                text.append(first + i + 1).append("- ").append(match.before().get(i)).append('\n');
            }
            text.append(match.offset() + 1).append(": ").append(match.text()).append('\n');
            for (int i = 0; i < match.after().size(); i++) {
                text.append(match.offset() + i + 2).append("- ").append(match.after().get(i)).append('\n');
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("offset", match.offset());
            entry.put("line", match.offset() + 1);
            entry.put("text", match.text());
            entry.put("before", match.before());
            entry.put("after", match.after());
            matches.add(entry);
        }
        text.append('[').append(result.matches().size()).append(result.matches().size() == 1 ? " match" : " matches")
                .append(" for '").append(regex).append("' in ").append(result.storedLines()).append(" lines");
        if (!result.complete()) {
            text.append("; more follow: search_command_output(output_id=\"").append(id).append("\", pattern=..., offset=")
                    .append(result.resumeOffset()).append(')');
        }
        if (result.tooExpensiveLines() > 0) {
            text.append("; the pattern needed too much work on ").append(result.tooExpensiveLines())
                    .append(" lines, counted as not matching: simplify it");
        }
        text.append(']');
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("output_id", id);
        structured.put("pattern", regex);
        structured.put("matches", matches);
        structured.put("complete", result.complete());
        structured.put("resume_offset", result.resumeOffset());
        structured.put("stored_lines", result.storedLines());
        structured.put("too_expensive_lines", result.tooExpensiveLines());
        return ToolResult.success(text.toString(), structured);
    }
}
