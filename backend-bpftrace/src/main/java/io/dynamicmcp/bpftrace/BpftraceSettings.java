package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.InvalidSettingException;
import io.dynamicmcp.spi.Settings;
import java.time.Duration;

/**
 * The administrator's configuration of the bpftrace backend.
 *
 * @param binary {@code BPFTRACE_BINARY}: a command name looked up on PATH, or an absolute path
 * @param allowUnsafe {@code BPFTRACE_ALLOW_UNSAFE}: pass {@code --unsafe}, allowing {@code system()} and friends
 * @param maxTimeout {@code BPFTRACE_MAX_TIMEOUT}: the longest timeout or duration a client may ask for
 * @param maxOutputBytes {@code BPFTRACE_MAX_OUTPUT_BYTES}: past this much output a run is stopped
 * @param maxRuns {@code BPFTRACE_MAX_RUNS}: how many scripts may run at once, across all clients
 * @param stopGrace how long a run may take to print its maps after SIGINT before it is killed
 */
record BpftraceSettings(String binary, boolean allowUnsafe, Duration maxTimeout, long maxOutputBytes, int maxRuns,
        Duration stopGrace) {

    static final String BINARY = "BPFTRACE_BINARY";
    static final String ALLOW_UNSAFE = "BPFTRACE_ALLOW_UNSAFE";
    static final String MAX_TIMEOUT = "BPFTRACE_MAX_TIMEOUT";
    static final String MAX_OUTPUT_BYTES = "BPFTRACE_MAX_OUTPUT_BYTES";
    static final String MAX_RUNS = "BPFTRACE_MAX_RUNS";
    static final String STOP_GRACE = "BPFTRACE_STOP_GRACE";

    static BpftraceSettings from(Settings settings) {
        String binary = settings.string(BINARY, "bpftrace").trim();
        if (binary.contains("/") && !binary.startsWith("/")) {
            throw new InvalidSettingException(BINARY, binary, "a command name or an absolute path");
        }
        Duration maxTimeout = settings.seconds(MAX_TIMEOUT, Duration.ofSeconds(600), 1);
        if (maxTimeout.toSeconds() > 86_400) {
            throw new InvalidSettingException(MAX_TIMEOUT, Long.toString(maxTimeout.toSeconds()),
                    "a whole number of seconds from 1 to 86400");
        }
        return new BpftraceSettings(binary,
                settings.flag(ALLOW_UNSAFE, false),
                maxTimeout,
                settings.number(MAX_OUTPUT_BYTES, 1L << 20, 1024, 1L << 30),
                (int) settings.number(MAX_RUNS, 4, 1, 64),
                settings.seconds(STOP_GRACE, Duration.ofSeconds(5), 1));
    }
}
