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
                .property("host", JsonSchema.string().nullable().description("The host it came from: the IP address "
                        + "or name in kdump's folder (<ip>-<date>), a folder per host, or the dump's header"))
                .property("host_source", JsonSchema.string().nullable().enumeration("folder", "dump_header")
                        .description("Where the host was read"))
                .property("state", JsonSchema.string().enumeration("complete", "being_written", "incomplete")
                        .description("complete; being_written (modified moments ago, or kdump's ssh target is still "
                                + "copying it as vmcore-incomplete); incomplete (the copy stopped, or the file is cut "
                                + "short): crash is not started on a dump that is not complete"))
                .property("state_reason", JsonSchema.string().nullable().description("Why it is not complete"))
                .property("folder_time", JsonSchema.string().nullable().description("The date in its folder's name "
                        + "as kdump wrote it (the crashed machine's local time)"))
                .property("pending", JsonSchema.array(JsonSchema.string()).description("Fields still being read in "
                        + "the background (null or unknown until then); list again for them"))
                .property("triage", JsonSchema.object()
                        .property("class", JsonSchema.string().description("The failure class crash_triage named"))
                        .property("signature", JsonSchema.string().description("The crash signature: dumps of one "
                                + "bug share it"))
                        .property("culprit", JsonSchema.string().nullable().description("function [module]"))
                        .property("triaged", JsonSchema.string().description("When, ISO-8601"))
                        .required("class", "signature", "culprit", "triaged")
                        .nullable().description("What crash_triage concluded about this dump as it is now; null when "
                                + "it was not triaged (or has changed since)"))
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
                .property("crash_version", JsonSchema.string().description("Version of crash in the session"))
                .property("module_symbols", JsonSchema.array(moduleSymbols()).description("Each module's debug "
                        + "information in the session, by module name"))
                .property("warnings", JsonSchema.array(JsonSchema.string()).description("What this crash cannot do "
                        + "with this dump (e.g. see sleeping tasks) and what to do about it"))
                .required("session_id", "dump", "vmlinux", "release", "started", "commands_run", "idle_seconds");
    }

    /** One module's debug information in a session. */
    static JsonSchema moduleSymbols() {
        return JsonSchema.object()
                .property("module", JsonSchema.string().description("Module name"))
                .property("status", JsonSchema.string().enumeration("loaded", "not_found", "rejected", "failed")
                        .description("loaded: crash has its debug information (the server ran mod -s; clients "
                                + "cannot), so frames and dis -l name functions and source lines; not_found: no object "
                                + "file anywhere searched; rejected: the files found are not this module of this kernel "
                                + "(build-id, vermagic or name differ); failed: crash could not load the file"))
                .property("file", JsonSchema.string().nullable().description("The object file loaded or rejected"))
                .property("detail", JsonSchema.string().description("How it was checked, or why there is none"))
                .required("module", "status", "file", "detail");
    }
}
