package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpEntry;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.crash.dump.DumpQuery;
import io.dynamicmcp.crash.dump.ReadBudget;
import io.dynamicmcp.crash.signature.BugGroups;
import io.dynamicmcp.crash.signature.KnownSignature;
import io.dynamicmcp.crash.signature.SignatureQueue;
import io.dynamicmcp.crash.signature.SignatureStore;
import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code group_crash_dumps}: the dumps under CRASH_DUMP_PATH grouped by crash signature, one group per bug, largest
 * first, with the hosts each bug hit. A tool of its own rather than a mode of {@code list_crash_dumps}: its answer is
 * groups, not dumps, and it sets crash processes to work in the background for the dumps whose signature is not known,
 * where a listing never opens a dump.
 */
public final class GroupDumpsTool {

    private static final int MAX_HOST_NAMES = 20;
    private static final int MAX_FAILURES = 10;

    private final DumpLocator dumps;
    private final SignatureStore store;
    private final SignatureQueue queue;
    private final Path dumpPath;

    /** @param dumpPath the dump folder as configured, for the answer */
    public GroupDumpsTool(DumpLocator dumps, SignatureStore store, SignatureQueue queue, Path dumpPath) {
        this.dumps = requireNonNull(dumps, "dumps is null");
        this.store = requireNonNull(store, "store is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.dumpPath = requireNonNull(dumpPath, "dumpPath is null");
    }

    public Tool tool() {
        return Tool.builder("group_crash_dumps")
                .title("Group crash dumps by bug")
                .description("Groups the crash dumps under the server's dump folder by crash signature (the failure "
                        + "class, the culprit function and its callers, as crash_triage names them): one group per bug, "
                        + "largest first, with how many dumps and hosts it hit, first and last seen, and its newest dumps. "
                        + "Signatures not known yet are worked out in the background, a few crash processes at a time "
                        + "(each dump opened once, remembered while it is unchanged); the answer counts them as waiting: "
                        + "call again, or pass wait, for the full picture. Filter by host and time like "
                        + "list_crash_dumps; list one group's dumps with list_crash_dumps(signature=...).")
                .inputSchema(JsonSchema.object()
                        .property("host", JsonSchema.string().maxLength(255).description("Only dumps from this host "
                                + "(* and ? match any characters)"))
                        .property("since", JsonSchema.string().maxLength(64).description("Only dumps modified at or "
                                + "after this time: ISO-8601 or a date (UTC)"))
                        .property("until", JsonSchema.string().maxLength(64).description("Only dumps modified at or "
                                + "before this time"))
                        .property("compute", JsonSchema.bool().defaultValue(true).description("Work out the "
                                + "signatures not known yet in the background (false: group only what is known)"))
                        .property("wait", JsonSchema.integer().minimum(0).maximum(600).defaultValue(0)
                                .description("Seconds to wait for the signatures being worked out before answering"))
                        .property("max_groups", JsonSchema.integer().minimum(1).maximum(100).defaultValue(20)
                                .description("At most this many groups, largest first"))
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("dump_path", JsonSchema.string().description("The folder searched"))
                        .property("considered", JsonSchema.integer().description("Dumps that pass the filters"))
                        .property("signed", JsonSchema.integer().description("Of those, dumps whose signature is known"))
                        .property("waiting", JsonSchema.integer().description("Dumps whose signature is being worked "
                                + "out in the background"))
                        .property("failed", JsonSchema.integer().description("Dumps whose signature could not be "
                                + "worked out (see failures)"))
                        .property("not_complete", JsonSchema.integer().description("Dumps incomplete or still being "
                                + "written, left out"))
                        .property("unsigned", JsonSchema.integer().description("Dumps without a signature that are "
                                + "not being worked on (compute is false, the line is full, or this server cannot)"))
                        .property("groups", JsonSchema.array(JsonSchema.object()
                                .property("signature", JsonSchema.string().description("The crash signature"))
                                .property("class", JsonSchema.string().description("The failure class"))
                                .property("culprit", JsonSchema.string().nullable().description("function [module]"))
                                .property("dumps", JsonSchema.integer().description("How many dumps show it"))
                                .property("hosts", JsonSchema.integer().description("From how many hosts (that a "
                                        + "folder names)"))
                                .property("unknown_host", JsonSchema.integer().description("How many of its dumps "
                                        + "came from a host nothing names"))
                                .property("host_names", JsonSchema.array(JsonSchema.string())
                                        .description("The hosts, sorted (at most " + MAX_HOST_NAMES + ")"))
                                .property("first_seen", JsonSchema.string().description("Its oldest dump's time"))
                                .property("last_seen", JsonSchema.string().description("Its newest dump's time"))
                                .property("newest_dumps", JsonSchema.array(JsonSchema.string())
                                        .description("Its newest dump_names"))
                                .required("signature", "class", "culprit", "dumps", "hosts", "unknown_host", "host_names",
                                        "first_seen", "last_seen", "newest_dumps"))
                                .description("One per bug, largest first"))
                        .property("failures", JsonSchema.array(JsonSchema.object()
                                .property("dump", JsonSchema.string().description("dump_name"))
                                .property("reason", JsonSchema.string().description("Why no signature"))
                                .required("dump", "reason")).description("Some of the failed dumps and why"))
                        .property("workers", JsonSchema.integer().description("crash processes working out signatures "
                                + "at most at once"))
                        .property("unavailable", JsonSchema.string().nullable().description("Why this server cannot "
                                + "work out signatures, if it cannot"))
                        .required("dump_path", "considered", "signed", "waiting", "failed", "not_complete", "unsigned",
                                "groups", "failures", "workers")
                        .build())
                .annotations(ToolAnnotations.READ_ONLY)
                .handler(this::group)
                .build();
    }

    /** What one pass over the dumps found. */
    private record Pass(BugGroups groups, int considered, int signed, int waiting, int failed, int notComplete,
            int unsigned, List<Map<String, Object>> failures) {
    }

    private ToolResult group(ToolCall call) {
        Arguments arguments = call.arguments();
        DumpQuery query = new DumpQuery(arguments.string("host"), DumpQuery.time("since", arguments.string("since")),
                DumpQuery.time("until", arguments.string("until")), Optional.empty(), Optional.empty());
        boolean compute = arguments.bool("compute", true);
        long wait = arguments.integer("wait", 0, 0, 600);
        int maxGroups = (int) arguments.integer("max_groups", 20, 1, 100);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
        Pass pass = pass(query, compute);
        while (pass.waiting() > 0 && System.nanoTime() - deadline < 0 && !call.cancellation().isCancelled()) {
            call.progress(pass.signed(), (double) pass.considered(), pass.waiting() + " signature(s) still being "
                    + "worked out by up to " + queue.workers() + " crash process(es)");
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException("interrupted while waiting for signatures");
            }
            pass = pass(query, false);
        }
        return answer(pass, maxGroups);
    }

    private Pass pass(DumpQuery query, boolean compute) {
        Instant now = Instant.now();
        BugGroups groups = new BugGroups(entry -> entry.layout().host());
        int considered = 0;
        int signed = 0;
        int waiting = 0;
        int failed = 0;
        int notComplete = 0;
        int unsigned = 0;
        List<Map<String, Object>> failures = new ArrayList<>();
        for (DumpEntry entry : dumps.entries()) {
            if (!passes(query, entry)) {
                continue;
            }
            considered++;
            Optional<KnownSignature> signature = store.find(entry.identity());
            if (signature.isPresent()) {
                signed++;
                groups.add(entry, signature.get());
                continue;
            }
            if (!entry.condition(now, dumps.settle()).complete()) {
                notComplete++;
                continue;
            }
            Optional<String> failure = queue.failure(entry.identity());
            if (failure.isPresent()) {
                failed++;
                if (failures.size() < MAX_FAILURES) {
                    failures.add(Map.of("dump", entry.name(), "reason", failure.get()));
                }
            } else if (compute ? queue.request(entry) : queue.waiting(entry.identity())) {
                waiting++;
            } else {
                unsigned++;
            }
        }
        return new Pass(groups, considered, signed, waiting, failed, notComplete, unsigned, failures);
    }

    private boolean passes(DumpQuery query, DumpEntry entry) {
        return switch (query.fromTree(entry)) {
            case PASSES -> true;
            case FAILS -> false;
            case NEEDS_READING -> query.passes(dumps.describe(entry, ReadBudget.NONE));
        };
    }

    private ToolResult answer(Pass pass, int maxGroups) {
        List<BugGroups.Group> groups = pass.groups().groups();
        List<Map<String, Object>> shown = groups.stream().limit(maxGroups).map(GroupDumpsTool::group).toList();
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("dump_path", dumpPath.toString());
        structured.put("considered", pass.considered());
        structured.put("signed", pass.signed());
        structured.put("waiting", pass.waiting());
        structured.put("failed", pass.failed());
        structured.put("not_complete", pass.notComplete());
        structured.put("unsigned", pass.unsigned());
        structured.put("groups", shown);
        structured.put("failures", pass.failures());
        structured.put("workers", queue.workers());
        structured.put("unavailable", queue.unavailable().orElse(null));
        return ToolResult.success(text(pass, groups, maxGroups), structured);
    }

    private static Map<String, Object> group(BugGroups.Group group) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("signature", group.signature().id());
        map.put("class", group.signature().failureClass());
        map.put("culprit", group.signature().culprit().orElse(null));
        map.put("dumps", group.dumps());
        map.put("hosts", group.hosts().size());
        map.put("unknown_host", group.unknownHost());
        map.put("host_names", group.hosts().stream().sorted().limit(MAX_HOST_NAMES).toList());
        map.put("first_seen", group.first().toString());
        map.put("last_seen", group.last().toString());
        map.put("newest_dumps", group.newest());
        return map;
    }

    private String text(Pass pass, List<BugGroups.Group> groups, int maxGroups) {
        StringBuilder text = new StringBuilder();
        text.append(pass.considered()).append(" dump(s) under ").append(dumpPath).append(": ").append(pass.signed())
                .append(" with a known signature, in ").append(groups.size()).append(" group(s)");
        if (!groups.isEmpty()) {
            BugGroups.Group top = groups.get(0);
            text.append(". ").append(top.dumps()).append(" dump(s)").append(from(top)).append(" share one bug: ")
                    .append(describe(top));
        }
        for (BugGroups.Group group : groups.stream().limit(maxGroups).toList()) {
            text.append("\n- ").append(group.signature().id()).append(": ").append(group.dumps()).append(" dump(s)")
                    .append(from(group)).append(", ").append(describe(group)).append("; last seen ")
                    .append(group.last()).append(", newest ").append(group.newest().get(0));
        }
        if (groups.size() > maxGroups) {
            text.append("\n(").append(groups.size() - maxGroups).append(" smaller group(s) not shown)");
        }
        if (pass.waiting() > 0) {
            text.append("\n").append(pass.waiting()).append(" signature(s) are being worked out in the background by "
                    + "up to ").append(queue.workers()).append(" crash process(es); call again (or pass wait) for "
                    + "them.");
        }
        if (pass.failed() > 0) {
            text.append("\n").append(pass.failed()).append(" dump(s) have no signature: ")
                    .append(pass.failures().get(0).get("dump")).append(": ").append(pass.failures().get(0).get("reason"));
        }
        if (pass.notComplete() > 0) {
            text.append("\n").append(pass.notComplete()).append(" dump(s) are incomplete or still being written and "
                    + "are left out (list_crash_dumps says why).");
        }
        queue.unavailable().ifPresent(why -> text.append("\nSignatures cannot be worked out here: ").append(why));
        if (!groups.isEmpty()) {
            text.append("\nList a group's dumps with list_crash_dumps(signature=\"").append(groups.get(0).signature().id())
                    .append("\"); open one with crash_triage.");
        }
        return text.toString();
    }

    private static String from(BugGroups.Group group) {
        int known = group.hosts().size();
        if (known == 0) {
            return " (hosts unknown)";
        }
        return " from " + known + " host(s)" + (group.unknownHost() > 0 ? " and " + group.unknownHost()
                + " unknown" : "");
    }

    private static String describe(BugGroups.Group group) {
        return group.signature().failureClass() + group.signature().culprit().map(c -> " in " + c).orElse("")
                + " (signature " + group.signature().id() + ")";
    }
}
