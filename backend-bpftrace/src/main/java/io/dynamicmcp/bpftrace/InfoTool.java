package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.CallCancellation;
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
import java.util.Optional;
import java.util.function.IntSupplier;

/** {@code get_bpftrace_info}: whether bpftrace can run here, and if not, why and what to do. */
final class InfoTool {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private final BpftraceSettings settings;
    private final CommandLine commands;
    /** The info commands run to their end; nobody cancels them. */
    private static final CallCancellation NEVER = CallCancellation.trigger();

    private final ShortCommand shortCommand;
    private final IntSupplier activeRuns;

    InfoTool(BpftraceSettings settings, CommandLine commands, ShortCommand shortCommand, IntSupplier activeRuns) {
        this.settings = settings;
        this.commands = commands;
        this.shortCommand = shortCommand;
        this.activeRuns = activeRuns;
    }

    Tool tool() {
        return Tool.builder("get_bpftrace_info")
                .title("bpftrace availability and kernel support")
                .description("Reports whether bpftrace can run on this host and why not: its path and version, whether "
                        + "the server runs as root or can use sudo without a password, kernel BTF, whether tracefs and "
                        + "debugfs are mounted (with the commands to mount them), the kernel's BPF features from "
                        + "'bpftrace --info', and this server's limits. Call it first, or when a run fails for reasons "
                        + "that are not the script's fault.")
                .inputSchema(JsonSchema.object().build())
                .outputSchema(JsonSchema.object()
                        .property("available", JsonSchema.bool().description("bpftrace can run scripts here"))
                        .property("reason", JsonSchema.string().nullable().description("Why not, and what to do"))
                        .property("binary", JsonSchema.string().nullable().description("Path of bpftrace"))
                        .property("version", JsonSchema.string().nullable().description("bpftrace --version"))
                        .property("running_as_root", JsonSchema.bool().description("The server's effective uid is 0"))
                        .property("sudo_passwordless", JsonSchema.bool().nullable().description("'sudo -n true' works; null when root or sudo is missing"))
                        .property("btf", JsonSchema.bool().description("/sys/kernel/btf/vmlinux exists"))
                        .property("tracefs_mounted", JsonSchema.bool().description("tracefs is mounted (tracepoints)"))
                        .property("debugfs_mounted", JsonSchema.bool().description("debugfs is mounted (kprobes)"))
                        .property("mount_commands", JsonSchema.array(JsonSchema.string()).description("Commands an administrator can run to mount what is missing"))
                        .property("features", JsonSchema.object().description("bpftrace --info by section, e.g. {\"Probe types\": {\"kprobe\": \"yes\"}}"))
                        .property("unsafe_allowed", JsonSchema.bool().description("The administrator allowed --unsafe"))
                        .property("max_timeout_seconds", JsonSchema.integer().description("Longest timeout or duration allowed"))
                        .property("max_output_bytes", JsonSchema.integer().description("Output limit per run"))
                        .property("max_runs", JsonSchema.integer().description("Most runs active at once"))
                        .property("active_runs", JsonSchema.integer().description("Runs active now, all clients"))
                        .required("available", "reason", "binary", "version", "running_as_root", "sudo_passwordless", "btf",
                                "tracefs_mounted", "debugfs_mounted", "mount_commands", "features", "unsafe_allowed",
                                "max_timeout_seconds", "max_output_bytes", "max_runs", "active_runs")
                        .build())
                .annotations(new ToolAnnotations(true, false, true, true))
                .handler(this::call)
                .build();
    }

    private ToolResult call(ToolCall call) {
        Optional<Path> binary = HostFacts.findBinary(settings.binary());
        boolean root = HostFacts.isRoot();
        Boolean sudo = root || HostFacts.onPath("sudo").isEmpty() ? null : sudoWorks();
        String version = null;
        Map<String, Map<String, String>> features = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (binary.isEmpty()) {
            problems.add("bpftrace ('" + settings.binary() + "') was not found: " + HostFacts.INSTALL + ".");
        } else {
            version = firstLine(List.of(binary.get().toString(), "--version"));
            if (!root && sudo == null) {
                problems.add("the server runs as uid " + HostFacts.effectiveUid() + " and sudo is not installed: "
                        + "run the server as root, or install sudo and allow passwordless 'sudo bpftrace'.");
            } else if (!root && !sudo) {
                problems.add("the server is not root and 'sudo -n' asks for a password: allow passwordless "
                        + "'sudo bpftrace' for this user, or run the server as root.");
            } else {
                features = features();
            }
        }
        List<String> mounts = HostFacts.missingMounts();
        boolean available = problems.isEmpty();
        String reason = available ? null : String.join(" ", problems);

        StringBuilder text = new StringBuilder();
        text.append(available ? "bpftrace is available" : "bpftrace is NOT available: " + reason);
        binary.ifPresent(b -> text.append("\nbinary: ").append(b));
        if (version != null) {
            text.append("\nversion: ").append(version);
        }
        text.append("\nrunning as root: ").append(root);
        if (sudo != null) {
            text.append("\npasswordless sudo: ").append(sudo);
        }
        text.append("\nkernel BTF (").append(HostFacts.BTF).append("): ").append(HostFacts.hasBtf() ? "present" : "missing");
        text.append("\ntracefs mounted: ").append(HostFacts.tracefsMounted())
                .append("\ndebugfs mounted: ").append(HostFacts.debugfsMounted());
        if (!mounts.isEmpty()) {
            text.append("\nTracepoints and kprobes need these mounted; an administrator can run: ")
                    .append(String.join(" && ", mounts));
        }
        text.append("\nunsafe builtins (system() etc.): ").append(settings.allowUnsafe() ? "ALLOWED by the administrator" : "refused");
        text.append("\nlimits: timeout ").append(settings.maxTimeout().toSeconds()).append(" s, output ")
                .append(settings.maxOutputBytes()).append(" bytes, ").append(settings.maxRuns()).append(" runs at once (")
                .append(activeRuns.getAsInt()).append(" active)");
        features.forEach((section, values) -> {
            text.append("\n").append(section).append(": ");
            List<String> pairs = new ArrayList<>();
            values.forEach((k, v) -> pairs.add(k + "=" + v));
            text.append(String.join(", ", pairs));
        });

        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("available", available);
        structured.put("reason", reason);
        structured.put("binary", binary.map(Path::toString).orElse(null));
        structured.put("version", version);
        structured.put("running_as_root", root);
        structured.put("sudo_passwordless", sudo);
        structured.put("btf", HostFacts.hasBtf());
        structured.put("tracefs_mounted", HostFacts.tracefsMounted());
        structured.put("debugfs_mounted", HostFacts.debugfsMounted());
        structured.put("mount_commands", mounts);
        structured.put("features", features);
        structured.put("unsafe_allowed", settings.allowUnsafe());
        structured.put("max_timeout_seconds", settings.maxTimeout().toSeconds());
        structured.put("max_output_bytes", settings.maxOutputBytes());
        structured.put("max_runs", settings.maxRuns());
        structured.put("active_runs", activeRuns.getAsInt());
        return ToolResult.success(text.append('\n').toString(), structured);
    }

    private Boolean sudoWorks() {
        try {
            Path sudo = HostFacts.onPath("sudo").orElseThrow();
            Integer code = shortCommand.run(List.of(sudo.toString(), "-n", "true"), COMMAND_TIMEOUT, 64 * 1024, NEVER,
                    line -> { }).exitCode();
            return code != null && code == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private String firstLine(List<String> command) {
        List<String> lines = new ArrayList<>();
        try {
            shortCommand.run(command, COMMAND_TIMEOUT, 64 * 1024, NEVER, line -> {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            });
        } catch (IOException e) {
            return null;
        }
        return lines.stream().filter(l -> l.startsWith("bpftrace")).findFirst().orElse(lines.isEmpty() ? null : lines.get(0));
    }

    /** {@code bpftrace --info}, without the System and Build sections' noise, as section to key to value. */
    private Map<String, Map<String, String>> features() {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        String[] section = {null};
        try {
            shortCommand.run(commands.build(true, List.of("--info")), COMMAND_TIMEOUT, 1L << 20, NEVER, line -> {
                if (line.isBlank() || line.contains("RLIMIT_MEMLOCK")) {
                    return;
                }
                if (!Character.isWhitespace(line.charAt(0))) {
                    section[0] = line.trim();
                    sections.put(section[0], new LinkedHashMap<>());
                } else if (section[0] != null) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        sections.get(section[0]).put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                    }
                }
            });
        } catch (IOException | ToolException e) {
            return Map.of();
        }
        return sections;
    }
}
