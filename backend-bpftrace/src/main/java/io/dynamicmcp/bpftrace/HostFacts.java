package io.dynamicmcp.bpftrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the host offers bpftrace: the binary, root, BTF, tracefs and debugfs. Read fresh on each call. */
final class HostFacts {

    static final Path BTF = Path.of("/sys/kernel/btf/vmlinux");
    static final String MOUNT_TRACEFS = "mount -t tracefs nodev /sys/kernel/tracing";
    static final String MOUNT_DEBUGFS = "mount -t debugfs nodev /sys/kernel/debug";
    static final String INSTALL = "install it (Debian/Ubuntu: apt-get install bpftrace; Fedora/RHEL: dnf install "
            + "bpftrace) or set BPFTRACE_BINARY to its path";

    private HostFacts() {
    }

    /** The binary to run: {@code configured} itself when it is a path, else the first match on PATH. */
    static Optional<Path> findBinary(String configured) {
        if (configured.contains("/")) {
            Path path = Path.of(configured);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        return onPath(configured);
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The effective uid of this process (the owner of {@code /proc/self}), or -1 when unknown. */
    static int effectiveUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static boolean isRoot() {
        return effectiveUid() == 0;
    }

    static boolean hasBtf() {
        return Files.exists(BTF);
    }

    static boolean tracefsMounted() {
        return mounted("tracefs");
    }

    static boolean debugfsMounted() {
        return mounted("debugfs");
    }

    /** The commands that would mount what is missing; empty when both are mounted. */
    static List<String> missingMounts() {
        boolean tracefs = tracefsMounted();
        boolean debugfs = debugfsMounted();
        if (tracefs && debugfs) {
            return List.of();
        }
        if (tracefs) {
            return List.of(MOUNT_DEBUGFS);
        }
        return debugfs ? List.of(MOUNT_TRACEFS) : List.of(MOUNT_TRACEFS, MOUNT_DEBUGFS);
    }

    private static boolean mounted(String type) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] fields = line.split(" ");
                if (fields.length > 2 && fields[2].equals(type)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
