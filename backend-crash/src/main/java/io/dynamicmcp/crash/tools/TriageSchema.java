package io.dynamicmcp.crash.tools;

import io.dynamicmcp.spi.JsonSchema;
import java.util.Map;

/** The output schema of {@code crash_triage}. */
final class TriageSchema {

    private TriageSchema() {
    }

    static Map<String, Object> output() {
        return JsonSchema.object()
                .property("session_id", JsonSchema.string().description("The session used; pass to crash_command"))
                .property("dump", JsonSchema.string().description("dump_name of the dump"))
                .property("release", JsonSchema.string().description("Kernel release"))
                .property("reused_session", JsonSchema.bool().description("Whether an open session was reused"))
                .property("panic", JsonSchema.string().nullable().description("The panic message from sys, e.g. "
                        + "'Kernel panic - not syncing: ...'; null when sys shows none"))
                .property("system", JsonSchema.object().with("additionalProperties", Map.of("type", "string"))
                        .description("The fields of sys, keyed in lower case (release, date, uptime, cpus, tasks, ...)"))
                .property("task", JsonSchema.object()
                        .property("pid", JsonSchema.integer().description("PID of the panicking task"))
                        .property("command", JsonSchema.string().description("Its command name"))
                        .property("cpu", JsonSchema.integer().description("The CPU it ran on"))
                        .property("task_address", JsonSchema.string().description("Its task_struct address"))
                        .required("pid", "command", "cpu", "task_address")
                        .nullable().description("The task whose stack bt shows (the panicking task); null when bt "
                                + "showed no header"))
                .property("frames", JsonSchema.array(frame()).description("Backtrace frames of that task, innermost "
                        + "first"))
                .property("exception_rips", JsonSchema.array(JsonSchema.string()).description("'exception RIP' "
                        + "locations bt shows, e.g. the faulting instruction of an oops"))
                .property("taint", taint())
                .property("modules", JsonSchema.array(JsonSchema.string()).description("Loaded modules in load order, oldest first (the kernel's module list; mod sorts by address, which changes on every boot)"))
                .property("tainted_modules", JsonSchema.array(taintedModule()).description("Modules with taint "
                        + "flags (mod -t)"))
                .property("log_before_panic", JsonSchema.array(JsonSchema.string()).description("Up to 30 kernel log "
                        + "lines ending with the panic line"))
                .property("memory", JsonSchema.object().with("additionalProperties", memoryRow())
                        .description("kmem -i rows keyed total_mem, free, used, shared, buffers, cached, slab, "
                                + "total_swap, swap_used, commit_limit, committed, ..."))
                .property("commands", JsonSchema.array(JsonSchema.object()
                        .property("command", JsonSchema.string().description("The command line"))
                        .property("status", JsonSchema.string().description("completed, timed_out, cancelled, "
                                + "session_ended, refused, failed or skipped"))
                        .property("lines", JsonSchema.integer().description("Output lines kept"))
                        .property("duration_ms", JsonSchema.integer().description("Milliseconds it took"))
                        .required("command", "status", "lines", "duration_ms"))
                        .description("Each command run and how it ended"))
                .property("problems", JsonSchema.array(JsonSchema.string()).description("Steps that failed or gave "
                        + "output that could not be understood; empty when all went well"))
                .property("digest", JsonSchema.string().description("A short readable summary (also the text content)"))
                .required("session_id", "dump", "release", "reused_session", "panic", "system", "task", "frames",
                        "exception_rips", "taint", "modules", "tainted_modules", "log_before_panic", "memory",
                        "commands", "problems", "digest")
                .build();
    }

    private static JsonSchema frame() {
        return JsonSchema.object()
                .property("number", JsonSchema.integer().description("Frame number (#N)"))
                .property("function", JsonSchema.string().description("Function name"))
                .property("offset", JsonSchema.string().nullable().description("Offset into the function, if shown"))
                .property("module", JsonSchema.string().nullable().description("Module, if the function is in one"))
                .property("address", JsonSchema.string().description("Return address"))
                .property("stack_address", JsonSchema.string().description("Stack address of the frame"))
                .required("number", "function", "offset", "module", "address", "stack_address");
    }

    private static JsonSchema taint() {
        return JsonSchema.object()
                .property("mask", JsonSchema.integer().nullable().description("tainted_mask, if read"))
                .property("letters", JsonSchema.string().description("Flag letters set, e.g. 'OE'; empty if none"))
                .property("tainted", JsonSchema.bool().description("Whether any taint flag is set"))
                .property("flags", JsonSchema.array(JsonSchema.object()
                        .property("bit", JsonSchema.integer().description("Bit in tainted_mask"))
                        .property("letter", JsonSchema.string().description("Letter as in 'Tainted: '"))
                        .property("meaning", JsonSchema.string().description("What it means"))
                        .required("bit", "letter", "meaning")).description("The flags set, decoded"))
                .property("source", JsonSchema.string().enumeration("tainted_mask", "log", "unknown")
                        .description("Where the flags were read"))
                .required("mask", "letters", "tainted", "flags", "source")
                .description("Kernel taint, decoded as in the kernel's tainted-kernels documentation");
    }

    private static JsonSchema taintedModule() {
        return JsonSchema.object()
                .property("name", JsonSchema.string().description("Module name"))
                .property("flags", JsonSchema.string().description("Its taint letters as mod -t shows them"))
                .property("out_of_tree", JsonSchema.bool().description("O: built outside the kernel tree"))
                .property("unsigned", JsonSchema.bool().description("E: not signed (or unverified)"))
                .property("proprietary", JsonSchema.bool().description("P: proprietary licence"))
                .required("name", "flags", "out_of_tree", "unsigned", "proprietary");
    }

    private static Map<String, Object> memoryRow() {
        return JsonSchema.object()
                .property("pages", JsonSchema.integer().description("Pages"))
                .property("size", JsonSchema.string().description("Size as crash shows it, e.g. '217.2 MB'"))
                .property("bytes", JsonSchema.integer().description("Approximate bytes, from that rounded size"))
                .property("percent", JsonSchema.integer().nullable().description("Percentage crash shows, if any"))
                .required("pages", "size", "bytes", "percent")
                .build();
    }
}
