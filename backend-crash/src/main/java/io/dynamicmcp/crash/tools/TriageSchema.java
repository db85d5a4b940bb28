package io.dynamicmcp.crash.tools;

import io.dynamicmcp.crash.triage.FailureClass;
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
                .property("crash_version", JsonSchema.string().description("Version of crash that read the dump"))
                .property("reused_session", JsonSchema.bool().description("Whether an open session was reused"))
                .property("class", JsonSchema.string().enumeration(FailureClass.wireNames())
                        .description("How the kernel died: the failure class, read from the kernel log, else the "
                                + "sys PANIC string, else the backtrace; 'unknown' when none of them says"))
                .property("class_meaning", JsonSchema.string().description("What the class means, in one line"))
                .property("classified_from", JsonSchema.string().enumeration("log", "sys", "bt", "none")
                        .description("Where the class was read: the kernel log, sys's PANIC, bt, or nothing"))
                .property("report_line", JsonSchema.string().nullable().description("The first line of the kernel's "
                        + "report before the panic, e.g. 'BUG: kernel NULL pointer dereference, address: ...', "
                        + "'kernel BUG at file.c:85!', 'INFO: task X:N blocked for more than N seconds.'; null when "
                        + "the panic message is the whole report (init killed, sysrq)"))
                .property("panic_line", JsonSchema.string().nullable().description("The kernel log's 'Kernel panic - "
                        + "not syncing: ...' line (else sys's PANIC when it is one); null when neither has it"))
                .property("panic", JsonSchema.string().nullable().description("The panic message from sys, e.g. "
                        + "'Kernel panic - not syncing: ...' (crash before 8.0.3 may name the oops line instead); null "
                        + "when sys shows none"))
                .property("culprit", culprit())
                .property("signature", JsonSchema.object()
                        .property("id", JsonSchema.string().description("12 hexadecimal digits; the same for two dumps "
                                + "of one bug, from any boot"))
                        .property("basis", JsonSchema.string().description("What it is made of: class|culprit "
                                + "[module]|its callers, without addresses, offsets or PIDs"))
                        .required("id", "basis")
                        .description("A short, stable id of the bug, kept with the dump so list_crash_dumps shows it"))
                .property("evidence", JsonSchema.array(JsonSchema.string()).description("The lines the class and the "
                        + "culprit were read from (report line, panic line, RIP line, ...)"))
                .property("findings", TriageFindingsSchema.findings())
                .property("next_steps", JsonSchema.array(JsonSchema.string()).description("What to look at next for "
                        + "this class"))
                .property("system", JsonSchema.object().with("additionalProperties", Map.of("type", "string"))
                        .description("The fields of sys, keyed in lower case (release, date, uptime, cpus, tasks, ...)"))
                .property("task", JsonSchema.object()
                        .property("pid", JsonSchema.integer().description("PID of the panicking task"))
                        .property("command", JsonSchema.string().description("Its command name"))
                        .property("cpu", JsonSchema.integer().description("The CPU it ran on"))
                        .property("task_address", JsonSchema.string().nullable().description("Its task_struct "
                                + "address; null when read from the log"))
                        .property("source", JsonSchema.string().enumeration("bt", "log").description("bt's header, "
                                + "else the report's 'CPU: N PID: N Comm: X' line in the kernel log"))
                        .required("pid", "command", "cpu", "task_address", "source")
                        .nullable().description("The panicking task (for a hung task: khungtaskd, which panicked; the "
                                + "blocked tasks are under findings); null when neither bt nor the log name it"))
                .property("frames", JsonSchema.array(frame()).description("Backtrace frames of that task, innermost "
                        + "first"))
                .property("exception_rips", JsonSchema.array(JsonSchema.string()).description("'exception RIP' "
                        + "locations bt shows, e.g. the faulting instruction of an oops"))
                .property("taint", taint())
                .property("modules", JsonSchema.array(JsonSchema.string()).description("Loaded modules in load order, oldest first (the kernel's module list; mod sorts by address, which changes on every boot)"))
                .property("tainted_modules", JsonSchema.array(taintedModule()).description("Modules with taint "
                        + "flags (mod -t)"))
                .property("module_symbols", JsonSchema.array(Schemas.moduleSymbols())
                        .description("Each module's debug information in this session, by module name"))
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
                .required("session_id", "dump", "release", "crash_version", "reused_session", "class",
                        "class_meaning", "classified_from", "report_line", "panic_line", "panic", "culprit", "signature",
                        "evidence", "findings", "next_steps", "system", "task", "frames", "exception_rips", "taint",
                        "modules", "tainted_modules", "module_symbols", "log_before_panic", "memory", "commands",
                        "problems", "digest")
                .build();
    }

    private static JsonSchema culprit() {
        return JsonSchema.object()
                .property("function", JsonSchema.string().description("The function blamed"))
                .property("module", JsonSchema.string().nullable().description("Its module; null for the kernel itself"))
                .property("source", JsonSchema.string().nullable().description("file:line of the faulting "
                        + "instruction, or of the call in the culprit, where debug information allows"))
                .property("defined_at", JsonSchema.string().nullable().description("file:line where the function "
                        + "starts, where debug information allows"))
                .property("basis", JsonSchema.string().description("Why it was chosen, e.g. 'the faulting "
                        + "instruction (RIP) is in module X', 'the first frame in a module of the blocked task's stack'"))
                .required("function", "module", "source", "defined_at", "basis")
                .nullable()
                .description("The function to blame: the faulting instruction when it is in a module; else the first "
                        + "frame in a module of the report's stack (a hung task: the blocked task's); else the faulting "
                        + "instruction in the kernel; else the first frame past the class's machinery. Null when no "
                        + "stack names one.");
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
                .property("at_report", JsonSchema.string().nullable().description("The letters of the report's "
                        + "'Tainted:' line, before the failure added its own (D: died, L: soft lockup, W: warning); "
                        + "null when the log has none"))
                .required("mask", "letters", "tainted", "flags", "source", "at_report")
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
