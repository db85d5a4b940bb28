package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.filter.LinePattern;
import io.dynamicmcp.crash.output.OutputMatches;
import io.dynamicmcp.crash.output.OutputSearcher;
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

/** {@code search_command_output}: the lines of a large crash command output that match a pattern, with context. */
public final class SearchCommandOutputTool {

    static final int DEFAULT_MATCHES = 50;
    static final int DEFAULT_CONTEXT = 2;

    private final OutputSearcher searcher;

    public SearchCommandOutputTool(OutputSearcher searcher) {
        this.searcher = requireNonNull(searcher, "searcher is null");
    }

    public Tool tool() {
        return Tool.builder("search_command_output")
                .title("Search a large crash command output")
                .description("Finds the lines matching a regular expression (Java syntax, like grep -E) in a crash"
                        + " command output that was too large to return whole, with lines of context around each. Use"
                        + " it with the output_id a crash_command result gave, e.g. to find a task, symbol or address"
                        + " in the output of 'foreach bt' or 'kmem -s'. Each match's offset can be passed to"
                        + " get_command_output to read around it. For outputs returned whole, use crash_command's"
                        + " own grep argument or '| grep PATTERN' instead.")
                .inputSchema(JsonSchema.object()
                        .property("output_id", Schemas.outputId())
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
