package io.dynamicmcp.crash.dump;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of looking for a dump's vmlinux.
 *
 * @param vmlinux the matching file, if any
 * @param searched every place looked at, in order
 * @param rejected candidates that exist but belong to another build, with the reason
 */
public record KernelMatch(Optional<Path> vmlinux, List<Path> searched, List<String> rejected) {

    public KernelMatch {
        searched = List.copyOf(searched);
        rejected = List.copyOf(rejected);
    }

    /** Says what is missing, where it was looked for, and how to install it. */
    public String missingMessage(String release) {
        StringBuilder text = new StringBuilder("no vmlinux with debug symbols found for kernel ")
                .append(release).append(". Searched:");
        searched.forEach(path -> text.append("\n  ").append(path));
        rejected.forEach(reason -> text.append("\nRejected: ").append(reason));
        text.append("\nInstall the debug symbols of exactly this kernel, then try again:")
                .append("\n  Debian/Ubuntu: apt install linux-image-").append(release).append("-dbg")
                .append(" (Ubuntu: linux-image-").append(release).append("-dbgsym from ddebs.ubuntu.com)")
                .append("\n  RHEL/CentOS/Fedora: debuginfo-install kernel-").append(release)
                .append(" (or dnf install kernel-debuginfo-").append(release).append(")")
                .append("\nor add the folder where you unpacked that package (or one holding vmlinux-").append(release)
                .append(") to DEBUG_SYMBOL_PATH, or put vmlinux-").append(release).append(" next to the dump.");
        return text.toString();
    }
}
