package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.ToolAnnotations;
import java.util.List;
import java.util.Map;

/** Input and output schema pieces, and the annotations, shared by the run tools. */
final class Schemas {

    private Schemas() {
    }

    /**
     * Attaching BPF programs to the live kernel changes the system while the run lasts (and costs CPU on every
     * probe hit), so running is not read-only, and it touches the open world of the live system. Without
     * {@code --unsafe} bpftrace can neither write kernel memory nor run programs, and its probes are removed
     * when it exits, so it is not destructive; with {@code --unsafe} allowed ({@code system()},
     * {@code override()}, {@code signal()}) it may be.
     */
    static ToolAnnotations runAnnotations(boolean allowUnsafe) {
        return new ToolAnnotations(false, allowUnsafe, false, true);
    }

    static JsonSchema script() {
        return JsonSchema.string().maxLength(Script.MAX_LENGTH)
                .description("The bpftrace program, e.g. 'tracepoint:syscalls:sys_enter_openat { @[comm] = count(); }'. "
                        + "Sent to bpftrace as a private file, never on a command line.");
    }

    static JsonSchema useSudo() {
        return JsonSchema.bool().defaultValue(true)
                .description("When the server is not root, run 'sudo -n bpftrace' (fails clearly if sudo would ask "
                        + "for a password). Ignored when the server runs as root.");
    }

    private static JsonSchema runId() {
        return JsonSchema.string().maxLength(64).description("The run id that start_bpftrace returned.");
    }

    private static JsonSchema offset() {
        return JsonSchema.integer().minimum(0).maximum(Integer.MAX_VALUE).defaultValue(0)
                .description("Return output items from this index on: pass next_offset from the previous call to "
                        + "get only what is new; 0 for everything.");
    }

    /** The input of the tools that read or stop a run: its id, and the first output item wanted. */
    static Map<String, Object> runAndOffset() {
        return JsonSchema.object()
                .property("run_id", runId())
                .property("offset", offset())
                .required("run_id")
                .build();
    }

    /** What every run tool returns. */
    static Map<String, Object> runOutput() {
        JsonSchema bucket = JsonSchema.object()
                .property("min", JsonSchema.integer().nullable().description("Lowest value in the bucket, inclusive; null if unbounded"))
                .property("max", JsonSchema.integer().nullable().description("Highest value in the bucket, inclusive; null if unbounded"))
                .property("count", JsonSchema.integer().description("How many values fell in the bucket"))
                .required("min", "max", "count");
        JsonSchema entry = JsonSchema.object()
                .property("key", JsonSchema.string().nullable().description("The key (several keys joined by commas); null for a map without keys"))
                .property("value", JsonSchema.string().with("type", List.of("integer", "number", "string", "array", "object", "null"))
                        .description("The value of count()/sum()/min()/max()/avg() or an assignment"))
                .property("buckets", JsonSchema.array(bucket).description("Histogram buckets (hist(), lhist())"))
                .property("count", JsonSchema.integer().description("stats(): number of values"))
                .property("average", JsonSchema.integer().description("stats(): average"))
                .property("total", JsonSchema.integer().description("stats(): sum"))
                .required("key");
        JsonSchema map = JsonSchema.object()
                .property("name", JsonSchema.string().description("Map name, e.g. @c"))
                .property("kind", JsonSchema.string().enumeration("map", "hist", "stats").description("map: values; hist: histograms; stats: stats()/avg()"))
                .property("entries", JsonSchema.array(entry).description("One entry per key, in bpftrace's order"))
                .required("name", "kind", "entries");
        JsonSchema diagnostic = JsonSchema.object()
                .property("severity", JsonSchema.string().enumeration("error", "warning").description("error or warning"))
                .property("line", JsonSchema.integer().nullable().description("1-based line in the script, if bpftrace named one"))
                .property("column", JsonSchema.integer().nullable().description("1-based first column"))
                .property("end_column", JsonSchema.integer().nullable().description("Column after the marked text"))
                .property("message", JsonSchema.string().description("bpftrace's message"))
                .required("severity", "line", "column", "end_column", "message");
        return JsonSchema.object()
                .property("run_id", JsonSchema.string().description("The run's id"))
                .property("status", JsonSchema.string().enumeration("running", "exited", "timed_out", "stopped",
                        "output_limit", "cancelled", "caller_ended", "shutdown").description("Where the run is or what ended it"))
                .property("running", JsonSchema.bool().description("Whether bpftrace is still running"))
                .property("exit_code", JsonSchema.integer().nullable().description("bpftrace's exit code; 124 after a timeout; null while running"))
                .property("duration_ms", JsonSchema.integer().description("Time since the start, or the run's length once ended"))
                .property("bytes_out", JsonSchema.integer().description("Bytes bpftrace printed"))
                .property("truncated", JsonSchema.bool().description("Output past the server's limit was dropped and the run stopped"))
                .property("killed", JsonSchema.bool().description("bpftrace ignored Ctrl-C and was killed (maps may be missing)"))
                .property("attached_probes", JsonSchema.integer().nullable().description("Probes attached; null if bpftrace never attached"))
                .property("lost_events", JsonSchema.integer().description("Events the kernel dropped"))
                .property("output", JsonSchema.string().description("What the script printed (printf, time, print of values), in order"))
                .property("maps", JsonSchema.array(map).description("Maps printed (at exit, on stop, or by print()), in order"))
                .property("messages", JsonSchema.array(JsonSchema.string()).description("Other lines: bpftrace's warnings and errors"))
                .property("diagnostics", JsonSchema.array(diagnostic).description("Errors and warnings parsed from messages"))
                .property("hints", JsonSchema.array(JsonSchema.string()).description("What a failure means and what to do"))
                .property("offset", JsonSchema.integer().description("The first output item included"))
                .property("next_offset", JsonSchema.integer().description("Pass as offset to get only newer output"))
                .required("run_id", "status", "running", "exit_code", "duration_ms", "bytes_out", "truncated", "killed",
                        "attached_probes", "lost_events", "output", "maps", "messages", "diagnostics", "hints", "offset", "next_offset")
                .build();
    }
}
