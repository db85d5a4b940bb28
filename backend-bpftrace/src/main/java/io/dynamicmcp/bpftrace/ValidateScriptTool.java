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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code validate_bpftrace_script}: checks a script against this kernel without attaching any probe. */
final class ValidateScriptTool {

    private static final Duration DRY_RUN_TIMEOUT = Duration.ofSeconds(60);
    /** Reading kernel types and tracepoint formats is read-only, but it reads the live system. */
    private static final ToolAnnotations LIVE_READ_ONLY = new ToolAnnotations(true, false, true, true);

    private final CommandLine commands;
    private final ScriptFiles files;
    private final ShortCommand shortCommand;
    private final RunAudit audit;
    private final boolean allowUnsafe;

    /** @param allowUnsafe whether the administrator allowed unsafe builtins */
    ValidateScriptTool(CommandLine commands, ScriptFiles files, ShortCommand shortCommand, RunAudit audit,
            boolean allowUnsafe) {
        this.commands = requireNonNull(commands, "commands is null");
        this.files = requireNonNull(files, "files is null");
        this.shortCommand = requireNonNull(shortCommand, "shortCommand is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.allowUnsafe = allowUnsafe;
    }

    Tool tool() {
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
                .handler(this::call)
                .build();
    }

    private ToolResult call(ToolCall call) {
        Arguments args = call.arguments();
        Script script = Script.fromArgument(args);
        boolean useSudo = args.bool("use_sudo", true);
        String id = "check-" + script.sha256().substring(0, 12) + "-" + Long.toHexString(System.nanoTime());
        Path file = null;
        Path elf = files.scratch(id + ".elf");
        try {
            file = files.write(id, script.text());
            List<String> arguments = new ArrayList<>(List.of("--emit-elf", elf.toString()));
            if (allowUnsafe) {
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
            List<String> hints = Hints.explain(messages, allowUnsafe);
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
}
