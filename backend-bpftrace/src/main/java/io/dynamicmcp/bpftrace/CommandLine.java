package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.ToolException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds bpftrace command lines: {@code sudo -n} in front when the server is not root and the client asked
 * for sudo, {@code --unsafe} only when the administrator allowed it. Fails with a message saying what to do
 * when bpftrace or sudo is missing.
 */
final class CommandLine {

    private final BpftraceSettings settings;

    CommandLine(BpftraceSettings settings) {
        this.settings = settings;
    }

    /** The command line for {@code arguments}, checking the binary and privileges now. */
    List<String> build(boolean useSudo, List<String> arguments) {
        Path binary = HostFacts.findBinary(settings.binary()).orElseThrow(() -> new ToolException(
                "bpftrace is not available: '" + settings.binary() + "' was not found or is not executable; "
                        + HostFacts.INSTALL + ". get_bpftrace_info shows what this host has."));
        List<String> command = new ArrayList<>();
        if (!HostFacts.isRoot() && useSudo) {
            Path sudo = HostFacts.onPath("sudo").orElseThrow(() -> new ToolException(
                    "bpftrace needs root, this server runs as uid " + HostFacts.effectiveUid()
                            + " and sudo is not installed: run the server as root, or install sudo and allow "
                            + "this user to run '" + binary + "' without a password"));
            command.add(sudo.toString());
            command.add("-n");
        }
        command.add(binary.toString());
        command.addAll(arguments);
        return command;
    }

    /** The options that run a script: JSON output, and {@code --unsafe} only where allowed. */
    List<String> scriptOptions() {
        List<String> options = new ArrayList<>(List.of("-f", "json"));
        if (settings.allowUnsafe()) {
            options.add("--unsafe");
        }
        return options;
    }
}
