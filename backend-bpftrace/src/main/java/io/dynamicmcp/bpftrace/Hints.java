package io.dynamicmcp.bpftrace;

import java.util.ArrayList;
import java.util.List;

/** Explains the failures people meet most often, from bpftrace's own messages. */
final class Hints {

    private Hints() {
    }

    static List<String> explain(List<String> messages, boolean allowUnsafe) {
        String all = String.join("\n", messages);
        List<String> hints = new ArrayList<>();
        if (all.contains("unsafe function being used in safe mode")) {
            hints.add(allowUnsafe
                    ? "bpftrace refused an unsafe builtin although --unsafe was passed; check the message above."
                    : "The script calls an unsafe builtin (such as system(), signal() or override()), which can "
                            + "run programs or change the behaviour of the live system. This server runs bpftrace "
                            + "without --unsafe; only an administrator can allow it (BPFTRACE_ALLOW_UNSAFE=true). "
                            + "Rewrite the script without it, e.g. print the data with printf() instead.");
        }
        if (all.contains("a password is required") || all.contains("a terminal is required")) {
            hints.add("sudo asked for a password. This server runs sudo non-interactively (sudo -n): allow this "
                    + "user to run bpftrace without a password in sudoers, or run the server as root.");
        }
        if (all.contains("tracepoint not found") && !HostFacts.tracefsMounted()) {
            hints.add("tracefs is not mounted, so bpftrace cannot see tracepoints. An administrator can run: "
                    + String.join(" && ", HostFacts.missingMounts()));
        }
        if ((all.contains("kprobe_events") || all.contains("available_filter_functions")) && !HostFacts.debugfsMounted()) {
            hints.add("kprobes need debugfs (/sys/kernel/debug/tracing). An administrator can run: "
                    + String.join(" && ", HostFacts.missingMounts()));
        }
        if (all.contains("Operation not permitted") && all.contains("bpf") && !HostFacts.isRoot()) {
            hints.add("The kernel refused BPF to this user: bpftrace needs root (or CAP_BPF and CAP_PERFMON); "
                    + "call with use_sudo=true or run the server as root.");
        }
        return hints;
    }
}
