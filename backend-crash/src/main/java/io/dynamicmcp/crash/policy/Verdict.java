package io.dynamicmcp.crash.policy;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.filter.OutputFilter;

/**
 * The policy's answer for one command line.
 *
 * @param allowed whether the command may run
 * @param crashCommand when allowed, the exact line to type into crash (aliases resolved, filters removed);
 *     null when rejected
 * @param filter the filters the server applies to crash's output; {@link OutputFilter#none()} when rejected
 * @param reason when rejected, why and what to use instead; null when allowed
 */
public record Verdict(boolean allowed, String crashCommand, OutputFilter filter, String reason) {

    public Verdict {
        requireNonNull(filter, "filter is null");
        if (allowed) {
            requireNonNull(crashCommand, "crashCommand is null");
            if (reason != null) {
                throw new IllegalArgumentException("an allowed verdict has no reason");
            }
        } else {
            requireNonNull(reason, "reason is null");
            if (crashCommand != null) {
                throw new IllegalArgumentException("a rejected verdict has no crash command");
            }
        }
    }

    static Verdict allow(String crashCommand, OutputFilter filter) {
        return new Verdict(true, crashCommand, filter, null);
    }

    static Verdict reject(String reason) {
        return new Verdict(false, null, OutputFilter.none(), reason);
    }

    /** The line as run, for people: crash's command then the server's filters, e.g. {@code log | tail -n 50}. */
    public String asRun() {
        return filter.isEmpty() ? crashCommand : crashCommand + " " + filter;
    }

    /** This verdict with {@code extra} applied after its own filter, e.g. a tool call's grep/head/tail. */
    public Verdict then(OutputFilter extra) {
        return allowed ? allow(crashCommand, filter.then(extra)) : this;
    }
}
