package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

/** One piece of what a bpftrace run printed, in the order it was printed. */
sealed interface OutputItem {

    /** The script's own output: {@code printf}, {@code time}, {@code cat}, {@code join}, {@code print} of a value. */
    record Printed(String kind, String text) implements OutputItem {
        public Printed {
            requireNonNull(kind, "kind is null");
            requireNonNull(text, "text is null");
        }
    }

    /** A line that was not JSON: a warning, an error, the source line and marker that follow an error. */
    record Message(String text) implements OutputItem {
        public Message {
            requireNonNull(text, "text is null");
        }
    }

    /** A map as bpftrace printed it (at exit, on SIGINT, or through {@code print(@map)}). */
    record MapDump(TraceMap map) implements OutputItem {
        public MapDump {
            requireNonNull(map, "map is null");
        }
    }

    /** How many probes bpftrace attached; printed once the program is loaded. */
    record Attached(long probes) implements OutputItem {
    }

    /** Events the kernel dropped because the ring buffer was full. */
    record LostEvents(long events) implements OutputItem {
    }
}
