package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpCursor;
import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.DumpHost;
import io.dynamicmcp.crash.dump.DumpListing;
import io.dynamicmcp.crash.dump.DumpPage;
import io.dynamicmcp.crash.dump.DumpQuery;
import io.dynamicmcp.crash.dump.ReadBudget;
import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.crash.dump.TriageRecords;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code list_crash_dumps}: the dumps under CRASH_DUMP_PATH, newest first, a page at a time, filtered by host, time,
 * kernel release and crash signature.
 */
public final class ListDumpsTool {

    /** How long one call may spend reading dumps; what is left is read in the background and shown as pending. */
    static final Duration READ_BUDGET = Duration.ofMillis(500);

    private final DumpListing listing;
    private final Path dumpPath;
    private final TriageRecords triaged;

    /**
     * @param dumpPath the dump folder as configured, for the answer
     * @param triaged what crash_triage (a client's, or the background work of group_crash_dumps) concluded about
     *     each dump
     */
    public ListDumpsTool(DumpListing listing, Path dumpPath, TriageRecords triaged) {
        this.listing = requireNonNull(listing, "listing is null");
        this.dumpPath = requireNonNull(dumpPath, "dumpPath is null");
        this.triaged = requireNonNull(triaged, "triaged is null");
    }

    public Tool tool() {
        return Tool.builder("list_crash_dumps")
                .title("List crash dumps")
                .description("Lists kernel crash dumps (vmcores) found under the server's dump folder "
                        + "(CRASH_DUMP_PATH, searched recursively: local kdump trees, and kdump's ssh and NFS targets "
                        + "collecting a fleet's dumps on a central host), newest first, a page at a time, with the host "
                        + "each came from, size, time, state (complete, being_written, or incomplete, with the reason), "
                        + "format, kernel release, whether matching debug symbols were found and, for dumps already "
                        + "triaged, the failure class and crash signature (dumps of one bug share it). Filter by host, "
                        + "since/until, release or crash signature; pass next_cursor back as cursor for the next page. "
                        + "Fields still being read in the background are named in 'pending'. Use it to pick a dump_name "
                        + "for start_crash_session or crash_triage; group_crash_dumps groups dumps by bug. It does not "
                        + "open a dump.")
                .inputSchema(JsonSchema.object()
                        .property("max_dumps", JsonSchema.integer().minimum(1).maximum(1000).defaultValue(10)
                                .description("At most this many dumps on this page, newest first"))
                        .property("cursor", JsonSchema.string().maxLength(8192)
                                .description("next_cursor from the previous page, with the same filters"))
                        .property("host", JsonSchema.string().maxLength(255).description("Only dumps from this host: "
                                + "the IP address or name in kdump's folder (10.0.0.5-2026-11-22-04:10:01), a folder "
                                + "per host, or the dump's header; * and ? match any characters"))
                        .property("since", JsonSchema.string().maxLength(64).description("Only dumps modified at or "
                                + "after this time: ISO-8601 (2026-11-22T04:00:00Z) or a date (2026-11-22, UTC)"))
                        .property("until", JsonSchema.string().maxLength(64).description("Only dumps modified at or "
                                + "before this time, same forms as since"))
                        .property("release", JsonSchema.string().maxLength(128).description("Only dumps of this "
                                + "kernel release, e.g. 6.1.0-57-cloud-amd64 or 6.1.0-*"))
                        .property("signature", JsonSchema.string().maxLength(64).description("Only dumps with this "
                                + "crash signature (group_crash_dumps and crash_triage give it)"))
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("dump_path", JsonSchema.string().description("The folder searched"))
                        .property("total_found", JsonSchema.integer().description("Dumps found in all, unfiltered"))
                        .property("total_matching", JsonSchema.integer().nullable().description("Dumps that pass the "
                                + "filters, when known without reading every dump (not with a release filter)"))
                        .property("dumps", JsonSchema.array(Schemas.dump()).description("This page, newest first"))
                        .property("next_cursor", JsonSchema.string().nullable().description("Pass as cursor for the "
                                + "next page; null on the last page"))
                        .property("undecided", JsonSchema.integer().description("Dumps this page passed over because "
                                + "the filters need their kernel release, which is still being read in the background"))
                        .property("stopped_early", JsonSchema.bool().description("Whether the page ended before "
                                + "max_dumps because its time to read dumps ran out; next_cursor continues"))
                        .required("dump_path", "total_found", "dumps")
                        .build())
                .annotations(ToolAnnotations.READ_ONLY)
                .handler(this::list)
                .build();
    }

    private ToolResult list(ToolCall call) {
        Arguments arguments = call.arguments();
        int max = (int) arguments.integer("max_dumps", 10, 1, 1000);
        DumpQuery query = new DumpQuery(arguments.string("host"),
                DumpQuery.time("since", arguments.string("since")), DumpQuery.time("until", arguments.string("until")),
                arguments.string("release"), arguments.string("signature"));
        Optional<DumpCursor> cursor = arguments.string("cursor").map(text -> DumpCursor.decode(text, query));
        DumpPage page = listing.page(query, cursor, max, ReadBudget.of(READ_BUDGET));
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("dump_path", dumpPath.toString());
        structured.put("total_found", page.totalFound());
        structured.put("total_matching", page.totalMatching().isPresent() ? page.totalMatching().getAsInt() : null);
        structured.put("dumps", page.dumps().stream().map(triaged::withTriage).toList());
        structured.put("next_cursor", page.nextCursor().orElse(null));
        structured.put("undecided", page.undecided());
        structured.put("stopped_early", page.stoppedEarly());
        return ToolResult.success(text(page, query, cursor.isPresent()), structured);
    }

    private String text(DumpPage page, DumpQuery query, boolean later) {
        StringBuilder text = new StringBuilder();
        if (page.totalFound() == 0) {
            return text.append("No dumps found under ").append(dumpPath)
                    .append(" (CRASH_DUMP_PATH). Dumps are files named vmcore*, core*, dump*, *.crash or *.dump.")
                    .toString();
        }
        text.append(page.totalFound()).append(" dump(s) under ").append(dumpPath);
        if (query.filters()) {
            text.append("; filters ").append(query.describe());
            page.totalMatching().ifPresent(n -> text.append(": ").append(n).append(" match"));
        }
        text.append(page.dumps().isEmpty() ? "; none on this page" : later ? "; this page:" : "; newest first:");
        for (DumpFile dump : page.dumps()) {
            text.append("\n- ").append(dump.name()).append("  ").append(dump.size() / (1024 * 1024)).append(" MiB  ")
                    .append(dump.modified());
            dump.host().map(DumpHost::name).ifPresent(host -> text.append("  host ").append(host));
            if (dump.pending().contains("format")) {
                text.append("  (being read)");
            } else {
                text.append("  ").append(dump.format().name().toLowerCase(Locale.ROOT))
                        .append("  kernel ").append(dump.kernel().release().orElse("unknown"))
                        .append(dump.vmlinux().isPresent() ? "  debug symbols found" : "  NO debug symbols found");
            }
            if (!dump.condition().complete()) {
                text.append("  ").append(dump.condition().state().wireName().toUpperCase(Locale.ROOT).replace('_', ' '))
                        .append(": ").append(dump.condition().reason().orElse(""));
            }
            dump.unreadableReason().ifPresent(why -> text.append("  UNREADABLE: ").append(why));
            triaged.find(dump.identity()).ifPresent(r -> text.append("  triaged: ").append(r.failureClass())
                    .append(", signature ").append(r.signature()));
        }
        if (page.dumps().stream().anyMatch(d -> !d.pending().isEmpty())) {
            text.append("\nSome fields are still being read in the background ('pending'); list again for them.");
        }
        if (page.undecided() > 0) {
            text.append("\n").append(page.undecided()).append(" dump(s) were passed over: their kernel release is "
                    + "still being read (crash --osrelease); list again in a few seconds.");
        }
        if (page.stoppedEarly()) {
            text.append("\nThis page stopped early: reading dumps for the filters took its time; continue with "
                    + "next_cursor.");
        }
        page.nextCursor().ifPresent(next -> text.append("\nMore: call again with cursor=\"").append(next).append('"'));
        return text.toString();
    }
}
