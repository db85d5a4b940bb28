package io.dynamicmcp.crash.tools;

import io.dynamicmcp.spi.JsonSchema;

/** Schema pieces several crash tools share. */
final class Schemas {

    private Schemas() {
    }

    static JsonSchema sessionId() {
        return JsonSchema.string().maxLength(64)
                .description("The session to use, as returned by start_crash_session. Default: your only, or most "
                        + "recently started, session.");
    }

    static JsonSchema outputId() {
        return JsonSchema.string().maxLength(64).description("The output_id a crash_command result gave when its output"
                + " was too large to return whole, e.g. \"out-3f2a...\"");
    }

    static JsonSchema dump() {
        return JsonSchema.object()
                .property("name", JsonSchema.string().description("Path relative to CRASH_DUMP_PATH; use as dump_name"))
                .property("path", JsonSchema.string().description("Absolute path"))
                .property("size_bytes", JsonSchema.integer().description("Size in bytes"))
                .property("modified", JsonSchema.string().description("Modification time, ISO-8601"))
                .property("readable", JsonSchema.bool().description("Whether the server can read it"))
                .property("unreadable_reason", JsonSchema.string().nullable().description("Why not, if not"))
                .property("format", JsonSchema.string().description("elf, kdump_compressed, diskdump, "
                        + "makedumpfile_flattened or unknown"))
                .property("kernel_release", JsonSchema.string().nullable().description("Kernel release, if readable"))
                .property("debug_symbols_found", JsonSchema.bool().description("Whether a matching vmlinux was found"))
                .property("vmlinux", JsonSchema.string().nullable().description("The matching vmlinux"))
                .required("name", "path", "size_bytes", "modified", "readable", "format", "debug_symbols_found");
    }

    static JsonSchema session() {
        return JsonSchema.object()
                .property("session_id", JsonSchema.string().description("Session id"))
                .property("dump", JsonSchema.string().description("dump_name of the dump"))
                .property("vmlinux", JsonSchema.string().description("The vmlinux crash loaded"))
                .property("release", JsonSchema.string().description("Kernel release"))
                .property("started", JsonSchema.string().description("Start time, ISO-8601"))
                .property("commands_run", JsonSchema.integer().description("Commands run so far"))
                .property("idle_seconds", JsonSchema.integer().description("Seconds since the last command"))
                .property("busy", JsonSchema.bool().description("Whether a command is running, or crash is still "
                        + "returning to its prompt after Ctrl-C"))
                .property("stopping", JsonSchema.bool().description("Whether crash is still returning to its prompt "
                        + "after a Ctrl-C (gdb can be slow to stop); the session is busy until it is back"))
                .required("session_id", "dump", "vmlinux", "release", "started", "commands_run", "idle_seconds");
    }
}
