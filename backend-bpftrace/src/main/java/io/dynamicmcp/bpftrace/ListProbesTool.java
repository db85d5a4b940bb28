package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code list_bpftrace_probes}: the probes bpftrace can attach to on this kernel that match a pattern. */
final class ListProbesTool {

    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(60);
    private static final long LIST_MAX_BYTES = 64L << 20;
    private static final int MAX_PROBES = 5000;
    /** Reading kernel types and tracepoint formats is read-only, but it reads the live system. */
    private static final ToolAnnotations LIVE_READ_ONLY = new ToolAnnotations(true, false, true, true);

    private final CommandLine commands;
    private final ShortCommand shortCommand;
    private final boolean allowUnsafe;

    /** @param allowUnsafe whether the administrator allowed unsafe builtins (the hints say so) */
    ListProbesTool(CommandLine commands, ShortCommand shortCommand, boolean allowUnsafe) {
        this.commands = requireNonNull(commands, "commands is null");
        this.shortCommand = requireNonNull(shortCommand, "shortCommand is null");
        this.allowUnsafe = allowUnsafe;
    }

    Tool tool() {
        return Tool.builder("list_bpftrace_probes")
                .title("List bpftrace probes")
                .description("Lists the probes bpftrace can attach to on this kernel that match a pattern (bpftrace -l), "
                        + "optionally with their arguments (-v: tracepoint fields, kfunc parameters). Use it to find the "
                        + "exact probe name and argument names before writing a script. Patterns use * and ?, e.g. "
                        + "'tracepoint:sched:*', 'kprobe:vfs_*', or a bare word for a substring search.")
                .inputSchema(JsonSchema.object()
                        .property("filter", JsonSchema.string().maxLength(256)
                                .description("Probe pattern, e.g. 'tracepoint:syscalls:sys_enter_open*'; a bare word such "
                                        + "as 'sleep' searches '*sleep*'. Omit to list everything (large)."))
                        .property("max", JsonSchema.integer().minimum(1).maximum(MAX_PROBES).defaultValue(200)
                                .description("Return at most this many probes; total_matched still counts all"))
                        .property("arguments", JsonSchema.bool().defaultValue(false)
                                .description("Also list each probe's arguments (bpftrace -lv); slower for many probes"))
                        .property("use_sudo", Schemas.useSudo())
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("filter", JsonSchema.string().nullable().description("The pattern passed to bpftrace"))
                        .property("probes", JsonSchema.array(JsonSchema.object()
                                .property("name", JsonSchema.string().description("Probe name, e.g. tracepoint:sched:sched_switch"))
                                .property("arguments", JsonSchema.array(JsonSchema.string()).description("Arguments (with arguments=true)")))
                                .description("Matching probes, at most max"))
                        .property("total_matched", JsonSchema.integer().description("How many probes matched"))
                        .property("truncated", JsonSchema.bool().description("More probes matched than returned"))
                        .property("messages", JsonSchema.array(JsonSchema.string()).description("bpftrace's warnings and errors"))
                        .required("filter", "probes", "total_matched", "truncated", "messages")
                        .build())
                .annotations(LIVE_READ_ONLY)
                .handler(this::call)
                .build();
    }

    private ToolResult call(ToolCall call) {
        Arguments args = call.arguments();
        String filter = args.string("filter").map(ProbeFilter::normalize).orElse(null);
        int max = (int) args.integer("max", 200, 1, MAX_PROBES);
        boolean withArguments = args.bool("arguments", false);
        boolean useSudo = args.bool("use_sudo", true);
        List<String> arguments = new ArrayList<>(List.of(withArguments ? "-lv" : "-l"));
        if (filter != null) {
            arguments.add(filter);
        }
        List<String> command = commands.build(useSudo, arguments);
        ProbeListing listing = new ProbeListing(max, withArguments);
        ShortCommand.Outcome outcome;
        try {
            outcome = shortCommand.run(command, LIST_TIMEOUT, LIST_MAX_BYTES, call.cancellation(),
                    listing::accept);
        } catch (IOException e) {
            throw new ToolException("could not run bpftrace -l: " + e.getMessage(), e);
        }
        if (outcome.exitCode() == null || outcome.exitCode() != 0) {
            if (listing.matched() == 0) {
                throw new ToolException("bpftrace -l failed (" + (outcome.timedOut() ? "timed out" : "exit code "
                        + outcome.exitCode()) + "): " + String.join(" / ", listing.messages())
                        + hintSuffix(listing.messages()));
            }
        }
        boolean truncated = listing.matched() > listing.probes().size() || outcome.truncated();
        StringBuilder text = new StringBuilder();
        text.append(listing.matched()).append(listing.matched() == 1 ? " probe matches " : " probes match ")
                .append(filter == null ? "(no filter)" : "'" + filter + "'")
                .append(truncated ? "; showing the first " + listing.probes().size() + ". Narrow the filter or raise max." : ".")
                .append('\n');
        for (Map<String, Object> probe : listing.probes()) {
            text.append(probe.get("name")).append('\n');
            Object probeArguments = probe.get("arguments");
            if (probeArguments instanceof List<?> list) {
                list.forEach(a -> text.append("    ").append(a).append('\n'));
            }
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("filter", filter);
        structured.put("probes", listing.probes());
        structured.put("total_matched", listing.matched());
        structured.put("truncated", truncated);
        structured.put("messages", listing.messages());
        return ToolResult.success(text.toString(), structured);
    }

    private String hintSuffix(List<String> messages) {
        List<String> hints = Hints.explain(messages, allowUnsafe);
        return hints.isEmpty() ? "" : ". " + String.join(" ", hints);
    }
}
