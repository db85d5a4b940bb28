package io.dynamicmcp.crash.tools;

import io.dynamicmcp.spi.JsonSchema;

/** The {@code findings} object of {@code crash_triage}: what each class's follow-ups found; each property optional. */
final class TriageFindingsSchema {

    private TriageFindingsSchema() {
    }

    static JsonSchema findings() {
        return JsonSchema.object()
                .property("fault", JsonSchema.object()
                        .property("rip", JsonSchema.string().nullable().description("Where the faulting instruction "
                                + "is, as crash names it (function+offset)"))
                        .property("rip_module", JsonSchema.string().nullable().description("Its module, if any"))
                        .property("instruction", JsonSchema.string().nullable().description("The faulting instruction "
                                + "(dis)"))
                        .property("source", JsonSchema.string().nullable().description("Its file:line (dis -l)"))
                        .property("address", JsonSchema.string().nullable().description("The address it touched, from "
                                + "the report (NULL dereference, page fault, non-canonical address, CR2)"))
                        .property("access", JsonSchema.string().nullable().description("How, from '#PF: ...': e.g. "
                                + "'supervisor read'"))
                        .required("rip", "rip_module", "instruction", "source", "address", "access")
                        .description("An oops: the faulting instruction and the address"))
                .property("bug_location", JsonSchema.string().description("file:line of a BUG or WARNING, as the "
                        + "report names it"))
                .property("blocked_tasks", JsonSchema.array(JsonSchema.object()
                        .property("pid", JsonSchema.integer().description("PID"))
                        .property("command", JsonSchema.string().description("Command name"))
                        .property("waits_in", JsonSchema.string().nullable().description("Its first frame in a module, "
                                + "else its first frame past the wait primitives"))
                        .property("waits_in_module", JsonSchema.string().nullable().description("That frame's module"))
                        .property("sleeps_in", JsonSchema.string().nullable().description("The wait primitive it "
                                + "sleeps in (mutex_lock, __wait_for_common, ...)"))
                        .property("frames", JsonSchema.array(JsonSchema.string()).description("Its stack, innermost "
                                + "first, function [module]"))
                        .property("source", JsonSchema.string().enumeration("crash", "log").description("crash's "
                                + "'foreach UN bt', or the kernel log's hung-task report"))
                        .required("pid", "command", "waits_in", "waits_in_module", "sleeps_in", "frames", "source"))
                        .description("A hung task: the tasks in D state and where they wait"))
                .property("cpus", JsonSchema.array(JsonSchema.object()
                        .property("cpu", JsonSchema.integer().description("CPU"))
                        .property("pid", JsonSchema.integer().description("PID of the task on it"))
                        .property("command", JsonSchema.string().description("Its command"))
                        .property("frames", JsonSchema.array(JsonSchema.string()).description("Its stack from the "
                                + "interrupted instruction on, innermost first"))
                        .property("problem", JsonSchema.string().nullable().description("Why crash could not read it"))
                        .required("cpu", "pid", "command", "frames", "problem"))
                        .description("A lockup: every CPU's stack (bt -a)"))
                .property("stuck", JsonSchema.object()
                        .property("cpu", JsonSchema.integer().description("The CPU"))
                        .property("seconds", JsonSchema.integer().description("How long it was stuck"))
                        .property("command", JsonSchema.string().description("The task running on it"))
                        .property("pid", JsonSchema.integer().description("Its PID"))
                        .required("cpu", "seconds", "command", "pid")
                        .description("A soft lockup: what the watchdog reported"))
                .property("allocation", JsonSchema.object()
                        .property("task", JsonSchema.string().description("The task that asked"))
                        .property("gfp_mask", JsonSchema.string().description("Its GFP flags"))
                        .property("order", JsonSchema.integer().description("Its order (2^order pages)"))
                        .required("task", "gfp_mask", "order")
                        .description("An OOM: the allocation that failed"))
                .property("largest_tasks", JsonSchema.array(JsonSchema.object()
                        .property("pid", JsonSchema.integer().description("PID"))
                        .property("command", JsonSchema.string().description("Command"))
                        .property("rss_kib", JsonSchema.integer().description("Resident memory in KiB"))
                        .property("source", JsonSchema.string().enumeration("crash", "log").description("crash's "
                                + "'ps -G', or the OOM report's task list"))
                        .required("pid", "command", "rss_kib", "source"))
                        .description("An OOM: the largest tasks by RSS, largest first"))
                .property("slab_caches", JsonSchema.array(JsonSchema.object()
                        .property("name", JsonSchema.string().description("Slab cache"))
                        .property("used_kib", JsonSchema.integer().description("KiB in use"))
                        .property("total_kib", JsonSchema.integer().description("KiB held"))
                        .required("name", "used_kib", "total_kib"))
                        .description("An OOM: the largest unreclaimable slab caches the report lists"))
                .property("exit", JsonSchema.object()
                        .property("code", JsonSchema.string().description("init's exit code as the panic shows it"))
                        .property("meaning", JsonSchema.string().description("Its exit status or the signal that "
                                + "killed it"))
                        .required("code", "meaning")
                        .description("Init killed: how init ended"))
                .property("trigger", JsonSchema.string().description("A SysRq crash: who asked for it"))
                .additionalProperties(false)
                .description("What the class's follow-ups found (only the properties of that class are present)");
    }
}
