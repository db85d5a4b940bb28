package io.dynamicmcp.examples.kernelinfo;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.util.Map;

/** The {@code kernel_info} tool: its description, schemas and handler. */
final class KernelInfoTool {

    static final String NAME = "kernel_info";

    static final int MAX_FILTER_LENGTH = 64;

    /*
     * Read-only: it only reads files. Idempotent: calling it again changes nothing (the answer may differ,
     * since the kernel's state moves on, but idempotence is about effects). Open world: it reports the live
     * host, which changes independently of the server, not a closed set of data such as a stored dump; the
     * SPI's definition of openWorld names "the live system" for this reason.
     */
    static final ToolAnnotations ANNOTATIONS = new ToolAnnotations(true, false, true, true);

    private static final String DESCRIPTION = """
            Reports the kernel the server's own host is running NOW, read from /proc and /sys: release \
            (uname -r), version string, boot command line, taint flags decoded into letters and meanings \
            (e.g. P = proprietary module, O = out-of-tree module, E = unsigned module, D = an oops happened), \
            loaded modules with their size, reference count, users, state and own taint letters, uptime, and \
            whether the kernel exposes BTF type information (/sys/kernel/btf/vmlinux, which bpftrace and CO-RE \
            tools need). Use it to learn which kernel a live investigation or a bpftrace script runs against, \
            to find which module tainted the kernel, or to pick debug symbols matching the running release. \
            Do NOT use it for a crash dump: it knows nothing about the kernel inside a vmcore (use the crash \
            tools for that), and it cannot see other machines. It only reads files and changes nothing.""";

    private final KernelReader reader;

    KernelInfoTool(KernelReader reader) {
        this.reader = requireNonNull(reader, "reader is null");
    }

    Tool tool() {
        return Tool.builder(NAME)
                .title("Running kernel: release, taint, modules, BTF")
                .description(DESCRIPTION)
                .inputSchema(inputSchema())
                .outputSchema(outputSchema())
                .annotations(ANNOTATIONS)
                .handler(this::call)
                .build();
    }

    ToolResult call(ToolCall call) {
        boolean includeModules = call.arguments().bool("include_modules", true);
        String filter = call.arguments().string("module_filter").map(String::trim).orElse(null);
        if (filter != null && filter.length() > MAX_FILTER_LENGTH) {
            throw new ToolException("argument 'module_filter' must be at most " + MAX_FILTER_LENGTH
                    + " characters (a part of a module name such as 'nf_' or 'nvidia')");
        }
        if (filter != null && !includeModules) {
            throw new ToolException("argument 'module_filter' needs include_modules=true; drop one of the two");
        }
        KernelReport report = reader.read(includeModules, filter);
        return ToolResult.success(report.text(), report.structured());
    }

    static Map<String, Object> inputSchema() {
        return JsonSchema.object()
                .property("include_modules", JsonSchema.bool().defaultValue(true)
                        .description("List the loaded modules (from /proc/modules). Set false for a short answer."))
                .property("module_filter", JsonSchema.string().maxLength(MAX_FILTER_LENGTH)
                        .description("Only list modules whose name contains this text, ignoring case; '-' and '_'"
                                + " match each other as in modprobe. Example: 'nf_' or 'nvidia'."))
                .additionalProperties(false)
                .build();
    }

    static Map<String, Object> outputSchema() {
        JsonSchema flag = JsonSchema.object()
                .property("bit", JsonSchema.integer().minimum(0).maximum(63))
                .property("letter", JsonSchema.string().nullable()
                        .description("The letter in 'Tainted:' lines; null for a bit this plugin does not know"))
                .property("meaning", JsonSchema.string())
                .required("bit", "letter", "meaning");
        JsonSchema taint = JsonSchema.object()
                .property("value", JsonSchema.integer().nullable()
                        .description("/proc/sys/kernel/tainted; 0 means not tainted, null means unreadable"))
                .property("letters", JsonSchema.string().description("The known set flags' letters, lowest bit first"))
                .property("flags", JsonSchema.array(flag))
                .required("value", "letters", "flags");
        JsonSchema btf = JsonSchema.object()
                .property("available", JsonSchema.bool())
                .property("path", JsonSchema.string())
                .property("size_bytes", JsonSchema.integer().nullable())
                .required("available", "path", "size_bytes");
        JsonSchema module = JsonSchema.object()
                .property("name", JsonSchema.string())
                .property("size_bytes", JsonSchema.integer())
                .property("refcount", JsonSchema.integer().nullable()
                        .description("null when the kernel cannot unload modules"))
                .property("used_by", JsonSchema.array(JsonSchema.string()))
                .property("state", JsonSchema.string().description("Live, Loading or Unloading"))
                .property("taint", JsonSchema.string().description("The module's taint letters, e.g. 'OE'; empty if none"))
                .property("taint_meanings", JsonSchema.array(JsonSchema.string()))
                .required("name", "size_bytes", "refcount", "used_by", "state", "taint", "taint_meanings");
        JsonSchema modules = JsonSchema.object()
                .property("available", JsonSchema.bool()
                        .description("false when /proc/modules is absent (no module support) or unreadable"))
                .property("loaded", JsonSchema.integer().minimum(0).description("How many modules are loaded"))
                .property("filter", JsonSchema.string().nullable())
                .property("list", JsonSchema.array(module).description("The loaded modules matching the filter"))
                .property("note", JsonSchema.string().nullable()
                        .description("Why the list is missing or partial; null when complete"))
                .required("available", "loaded", "filter", "list", "note");
        return JsonSchema.object()
                .property("release", JsonSchema.string().nullable().description("Running release, as uname -r"))
                .property("version", JsonSchema.string().nullable().description("/proc/version"))
                .property("command_line", JsonSchema.string().nullable().description("/proc/cmdline"))
                .property("uptime_seconds", JsonSchema.number().nullable())
                .property("taint", taint)
                .property("btf", btf)
                .property("modules", modules.description("Present only when include_modules is true"))
                .property("unreadable", JsonSchema.array(JsonSchema.string())
                        .description("Files that could not be read, and why; their values above are null"))
                .required("release", "version", "command_line", "uptime_seconds", "taint", "btf", "unreadable")
                .build();
    }
}
