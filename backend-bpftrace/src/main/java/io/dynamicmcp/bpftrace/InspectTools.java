package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools that inspect without tracing: {@code validate_bpftrace_script} and {@code list_bpftrace_probes}. */
final class InspectTools {

    private static final Duration DRY_RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(60);
    private static final long LIST_MAX_BYTES = 64L << 20;
    private static final int MAX_PROBES = 5000;
    /** Reading kernel types and tracepoint formats is read-only, but it reads the live system. */
    private static final ToolAnnotations LIVE_READ_ONLY = new ToolAnnotations(true, false, true, true);

    private final BpftraceSettings settings;
    private final CommandLine commands;
    private final ScriptFiles files;
    private final ShortCommand shortCommand;
    private final RunAudit audit;

    InspectTools(BpftraceSettings settings, CommandLine commands, ScriptFiles files, ShortCommand shortCommand, RunAudit audit) {
        this.settings = settings;
        this.commands = commands;
        this.files = files;
        this.shortCommand = shortCommand;
        this.audit = audit;
    }

    Tool validate() {
        return Tool.builder("validate_bpftrace_script")
                .title("Check a bpftrace script without running it")
                .description("Parses a bpftrace program and checks it against this kernel (probe names, tracepoint "
                        + "arguments, types) and compiles it, without attaching any probe (bpftrace --emit-elf dry "
                        + "run). Returns valid or not, and each error or warning with line and column. Use it before "
                        + "a long run or to fix a script that failed; it cannot tell whether probes will attach or fire.")
                .inputSchema(JsonSchema.object()
                        .property("script", Schemas.script())
                        .property("use_sudo", Schemas.useSudo())
                        .required("script")
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("valid", JsonSchema.bool().description("bpftrace accepted and compiled the script"))
                        .property("exit_code", JsonSchema.integer().nullable().description("bpftrace's exit code"))
                        .property("diagnostics", JsonSchema.array(JsonSchema.object()
                                .property("severity", JsonSchema.string().description("error or warning"))
                                .property("line", JsonSchema.integer().nullable().description("1-based line"))
                                .property("column", JsonSchema.integer().nullable().description("1-based column"))
                                .property("end_column", JsonSchema.integer().nullable().description("Column after the marked text"))
                                .property("message", JsonSchema.string().description("bpftrace's message")))
                                .description("Errors and warnings with their position"))
                        .property("messages", JsonSchema.array(JsonSchema.string()).description("Everything bpftrace printed"))
                        .property("hints", JsonSchema.array(JsonSchema.string()).description("What a failure means and what to do"))
                        .property("mode", JsonSchema.string().description("How the script was checked"))
                        .required("valid", "exit_code", "diagnostics", "messages", "hints", "mode")
                        .build())
                .annotations(LIVE_READ_ONLY)
                .handler(this::callValidate)
                .build();
    }

    private ToolResult callValidate(ToolCall call) {
        Arguments args = call.arguments();
        Script script = RunTools.script(args);
        boolean useSudo = args.bool("use_sudo", true);
        String id = "check-" + script.sha256().substring(0, 12) + "-" + Long.toHexString(System.nanoTime());
        Path file = null;
        Path elf = files.scratch(id + ".elf");
        try {
            file = files.write(id, script.text());
            List<String> arguments = new ArrayList<>(List.of("--emit-elf", elf.toString()));
            if (settings.allowUnsafe()) {
                arguments.add("--unsafe");
            }
            arguments.add(file.toString());
            List<String> command = commands.build(useSudo, arguments);
            OutputParser parser = new OutputParser(file.toString());
            List<String> messages = new ArrayList<>();
            ShortCommand.Outcome outcome = shortCommand.run(command, DRY_RUN_TIMEOUT, 1L << 20,
                    call.cancellation(), line -> {
                        if (parser.parse(line) instanceof OutputItem.Message m) {
                            messages.add(m.text());
                        }
                    });
            List<Diagnostic> diagnostics = Diagnostic.from(messages);
            boolean valid = outcome.exitCode() != null && outcome.exitCode() == 0
                    && diagnostics.stream().noneMatch(Diagnostic::isError);
            audit.checked(call.callerId(), script, valid, outcome.exitCode(), outcome.durationMillis());
            List<String> hints = Hints.explain(messages, settings.allowUnsafe());
            if (outcome.timedOut()) {
                hints = new ArrayList<>(hints);
                hints.add("The dry run took longer than " + DRY_RUN_TIMEOUT.toSeconds() + " s and was stopped.");
            }
            Map<String, Object> structured = new LinkedHashMap<>();
            structured.put("valid", valid);
            structured.put("exit_code", outcome.exitCode());
            structured.put("diagnostics", diagnostics.stream().map(Diagnostic::toStructured).toList());
            structured.put("messages", messages);
            structured.put("hints", hints);
            structured.put("mode", "bpftrace --emit-elf (parse, semantic checks and code generation; no probe attached)");
            return ToolResult.success(validationText(valid, diagnostics, messages, hints), structured);
        } catch (ToolException e) {
            audit.refused(call.toolName(), call.callerId(), script, e.getMessage());
            throw e;
        } catch (IOException e) {
            throw new ToolException("could not run the dry run: " + e.getMessage(), e);
        } finally {
            ScriptFiles.delete(file);
            ScriptFiles.delete(elf);
        }
    }

    private static String validationText(boolean valid, List<Diagnostic> diagnostics, List<String> messages, List<String> hints) {
        StringBuilder text = new StringBuilder(valid ? "The script is valid." : "The script is NOT valid.");
        for (Diagnostic d : diagnostics) {
            text.append("\n- ").append(d);
        }
        if (!valid && diagnostics.isEmpty() && !messages.isEmpty()) {
            text.append("\nbpftrace said:\n").append(String.join("\n", messages));
        }
        for (String hint : hints) {
            text.append("\nNote: ").append(hint);
        }
        return text.append('\n').toString();
    }

    Tool listProbes() {
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
                .handler(this::callList)
                .build();
    }

    private ToolResult callList(ToolCall call) {
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
        List<String> hints = Hints.explain(messages, settings.allowUnsafe());
        return hints.isEmpty() ? "" : ". " + String.join(" ", hints);
    }
}
