package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.JsonSchema;
import java.time.Duration;
import java.util.Map;

/**
 * The input of a tool that runs a script: the script, how long it may run (whole seconds, at most
 * {@code BPFTRACE_MAX_TIMEOUT}), and whether to use sudo.
 *
 * @param limit the name of the argument that says how long, e.g. {@code timeout}
 * @param defaultSeconds how long when the call does not say, if the maximum allows
 * @param maxLimit the longest a call may ask for
 */
record RunInput(String limit, long defaultSeconds, Duration maxLimit) {

    RunInput {
        requireNonNull(limit, "limit is null");
        requireNonNull(maxLimit, "maxLimit is null");
    }

    /** @param limitDescription what the limit argument means */
    Map<String, Object> schema(String limitDescription) {
        long max = maxLimit.toSeconds();
        return JsonSchema.object()
                .property("script", Schemas.script())
                .property(limit, JsonSchema.integer().minimum(1).maximum(max).defaultValue(Math.min(defaultSeconds, max))
                        .description(limitDescription))
                .property("use_sudo", Schemas.useSudo())
                .required("script")
                .build();
    }

    /** How long the call lets the script run. */
    Duration limit(Arguments args) {
        long max = maxLimit.toSeconds();
        return Duration.ofSeconds(args.integer(limit, Math.min(defaultSeconds, max), 1, max));
    }
}
