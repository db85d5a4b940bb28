package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code list_crash_dumps}: the dumps under CRASH_DUMP_PATH, newest first. */
public final class ListDumpsTool {

    private final DumpLocator dumps;
    private final Path dumpPath;

    /** @param dumpPath the dump folder as configured, for the answer */
    public ListDumpsTool(DumpLocator dumps, Path dumpPath) {
        this.dumps = requireNonNull(dumps, "dumps is null");
        this.dumpPath = requireNonNull(dumpPath, "dumpPath is null");
    }

    public Tool tool() {
        return Tool.builder("list_crash_dumps")
                .title("List crash dumps")
                .description("Lists kernel crash dumps (vmcores) found under the server's dump folder "
                        + "(CRASH_DUMP_PATH, searched recursively, so kdump trees are found), newest first, with size, "
                        + "time, format, kernel release and whether matching debug symbols were found. Use it to pick "
                        + "a dump_name for start_crash_session. It does not open or analyse a dump.")
                .inputSchema(JsonSchema.object()
                        .property("max_dumps", JsonSchema.integer().minimum(1).maximum(1000).defaultValue(10)
                                .description("At most this many dumps, newest first"))
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("dump_path", JsonSchema.string().description("The folder searched"))
                        .property("total_found", JsonSchema.integer().description("Dumps found in all"))
                        .property("dumps", JsonSchema.array(Schemas.dump()).description("Newest first"))
                        .required("dump_path", "total_found", "dumps")
                        .build())
                .annotations(ToolAnnotations.READ_ONLY)
                .handler(this::list)
                .build();
    }

    private ToolResult list(ToolCall call) {
        int max = (int) call.arguments().integer("max_dumps", 10, 1, 1000);
        List<DumpFile> all = dumps.list();
        List<DumpFile> shown = all.subList(0, Math.min(max, all.size()));
        StringBuilder text = new StringBuilder();
        if (all.isEmpty()) {
            text.append("No dumps found under ").append(dumpPath)
                    .append(" (CRASH_DUMP_PATH). Dumps are files named vmcore*, core*, dump*, *.crash or *.dump.");
        } else {
            text.append(all.size()).append(" dump(s) under ").append(dumpPath)
                    .append(shown.size() < all.size() ? ", newest " + shown.size() + " shown" : "").append(":");
            for (DumpFile dump : shown) {
                text.append("\n- ").append(dump.name()).append("  ").append(dump.size() / (1024 * 1024)).append(" MiB  ")
                        .append(dump.modified()).append("  ").append(dump.format().name().toLowerCase(java.util.Locale.ROOT))
                        .append("  kernel ").append(dump.kernel().release().orElse("unknown"))
                        .append(dump.vmlinux().isPresent() ? "  debug symbols found" : "  NO debug symbols found");
                dump.unreadableReason().ifPresent(why -> text.append("  UNREADABLE: ").append(why));
            }
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("dump_path", dumpPath.toString());
        structured.put("total_found", all.size());
        structured.put("dumps", shown.stream().map(DumpFile::toMap).toList());
        return ToolResult.success(text.toString(), structured);
    }
}
