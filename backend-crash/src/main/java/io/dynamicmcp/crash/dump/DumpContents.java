package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a dump's own bytes say, read by {@link DumpInspector}.
 *
 * @param nodeName the crashed machine's host name from the dump's header (kdump-compressed dumps written by
 *     makedumpfile keep the kernel's utsname there), if it has one
 * @param damage why the bytes show the dump is not whole, if they do
 */
public record DumpContents(DumpFormat format, KernelIdentity kernel, Optional<String> nodeName,
        Optional<String> damage) {

    public static final DumpContents UNREADABLE =
            new DumpContents(DumpFormat.UNKNOWN, KernelIdentity.UNKNOWN, Optional.empty(), Optional.empty());

    public DumpContents {
        requireNonNull(format, "format is null");
        requireNonNull(kernel, "kernel is null");
        requireNonNull(nodeName, "nodeName is null");
        requireNonNull(damage, "damage is null");
    }

    /** The same, with the kernel release {@code crash --osrelease} gave where the bytes named none. */
    public DumpContents withRelease(String release) {
        return new DumpContents(format, new KernelIdentity(Optional.of(release), kernel.buildId()), nodeName, damage);
    }
}
