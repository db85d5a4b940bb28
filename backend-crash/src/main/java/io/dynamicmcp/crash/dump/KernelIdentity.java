package io.dynamicmcp.crash.dump;

import java.util.Optional;

/**
 * Which kernel produced a dump, as far as it can be read cheaply.
 *
 * @param release the kernel release, e.g. {@code 6.1.0-56-cloud-amd64}
 * @param buildId the kernel's GNU build-id in hex, from VMCOREINFO {@code BUILD-ID=} (kernels 5.9 and later)
 */
public record KernelIdentity(Optional<String> release, Optional<String> buildId) {

    public static final KernelIdentity UNKNOWN = new KernelIdentity(Optional.empty(), Optional.empty());
}
