package io.dynamicmcp.spi;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * A program that {@link ProcessService#run ran to its end}.
 *
 * @param exitStatus its exit code, or 128 plus the signal that ended it; empty if it could not be told
 * @param output what it printed on standard output and error, up to the limit
 * @param truncated whether output was dropped past the limit
 * @param supervision how the supervision ended: {@link Supervised#complete()} unless it stepped in
 */
public record FinishedProcess(OptionalInt exitStatus, byte[] output, boolean truncated, Supervised supervision) {

    /** The most output kept for a spec without an output limit: 16 MiB. */
    public static final int MAX_KEPT = 16 * 1024 * 1024;

    /** Checks the components. */
    public FinishedProcess {
        requireNonNull(exitStatus, "exitStatus is null");
        requireNonNull(output, "output is null");
        requireNonNull(supervision, "supervision is null");
    }

    /** @return the output as UTF-8 text */
    public String text() {
        return new String(output, StandardCharsets.UTF_8);
    }

    /** @return whether it ran to its end by itself and exited with status 0 */
    public boolean succeeded() {
        return supervision.complete() && exitStatus.isPresent() && exitStatus.getAsInt() == 0;
    }
}
