package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.session.SessionInfo;
import io.dynamicmcp.crash.symbols.ModuleDebugInfo;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code start_crash_session}: loads a dump into a new crash session. */
public final class StartSessionTool {

    private final DumpChooser dumps;
    private final SessionOpener opener;
    private final Duration defaultTimeout;

    /** @param defaultTimeout how long crash may take to load a dump when the call gives no timeout */
    public StartSessionTool(DumpChooser dumps, SessionOpener opener, Duration defaultTimeout) {
        this.dumps = requireNonNull(dumps, "dumps is null");
        this.opener = requireNonNull(opener, "opener is null");
        this.defaultTimeout = requireNonNull(defaultTimeout, "defaultTimeout is null");
    }

    public Tool tool() {
        return Tool.builder("start_crash_session")
                .title("Start a crash session")
                .description("Loads a kernel crash dump into the crash utility with its matching vmlinux (found "
                        + "automatically from the dump's kernel release) and returns a session id, the kernel release "
                        + "and the panic string, and which modules have debug symbols (the server loads those it finds "
                        + "beside the dump or under the debug-symbol folders and checks them against the dump). Use it "
                        + "before crash_command. Loading takes seconds to minutes; progress names the phase (index, "
                        + "symbols, dump, tasks). Without dump_name the newest dump is opened. If you already have a "
                        + "session on that dump it is returned at once (reused: true); pass new_session: true for a "
                        + "second one. Warnings say what this crash cannot do with this dump (crash before 8.0.4 "
                        + "cannot see sleeping tasks on recent kernels).")
                .inputSchema(JsonSchema.object()
                        .property("dump_name", JsonSchema.string().maxLength(4096)
                                .description("The dump to open, as list_crash_dumps names it (a path relative to "
                                        + "CRASH_DUMP_PATH). Default: the newest dump."))
                        .property("timeout", JsonSchema.integer().minimum(1).maximum(3600)
                                .defaultValue(defaultTimeout.toSeconds())
                                .description("Seconds to wait for crash to finish loading"))
                        .property("new_session", JsonSchema.bool().defaultValue(false)
                                .description("Start another session even if you have one open on this dump"))
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("session_id", JsonSchema.string().description("Pass to crash_command"))
                        .property("dump", JsonSchema.string().description("dump_name of the dump"))
                        .property("dump_path", JsonSchema.string().description("Absolute path of the dump"))
                        .property("vmlinux", JsonSchema.string().description("The matched vmlinux"))
                        .property("release", JsonSchema.string().description("Kernel release"))
                        .property("crash_version", JsonSchema.string().description("Version of crash"))
                        .property("panic", JsonSchema.string().nullable().description("The PANIC line of 'sys'"))
                        .property("load_seconds", JsonSchema.number().description("Seconds crash took to load"))
                        .property("reused", JsonSchema.bool().description("Whether this is a session you already had "
                                + "open on this dump, returned without loading it again"))
                        .property("symbol_index", JsonSchema.string().description("Whether crash read its symbols "
                                + "through the symbol index cache (a vmlinux copy with a .gdb_index section, about "
                                + "half the load time), and if not, why and whether it is being built"))
                        .property("module_symbols", JsonSchema.array(Schemas.moduleSymbols()).description("Each "
                                + "module's debug information, which the server loaded where it found and checked it"))
                        .property("warnings", JsonSchema.array(JsonSchema.string()).description("What this crash "
                                + "cannot do with this dump (an old crash cannot see sleeping tasks) and how to fix it"))
                        .required("session_id", "dump", "dump_path", "vmlinux", "release", "crash_version", "load_seconds",
                                "reused", "symbol_index", "module_symbols", "warnings")
                        .build())
                .annotations(new ToolAnnotations(false, false, false, false))
                .handler(this::start)
                .build();
    }

    private ToolResult start(ToolCall call) {
        Duration timeout = Duration.ofSeconds(call.arguments().integer("timeout", defaultTimeout.toSeconds(), 1, 3600));
        DumpFile dump = dumps.choose(call.arguments().string("dump_name"));
        return result(opener.openOrReuse(call, dump, timeout, call.arguments().bool("new_session", false)));
    }

    private static ToolResult result(SessionOpener.Opened opened) {
        SessionInfo info = opened.session().info();
        double seconds = info.loadTime().toMillis() / 1000.0;
        String text = (opened.reused() ? "You already have session " + info.id() + " open on " + info.dumpName()
                + "; it is returned as it is (new_session: true starts another)\n" : "")
                + "Session " + info.id() + " is ready: " + info.dumpName() + " (kernel " + info.release() + ")\n"
                + "vmlinux: " + info.vmlinux() + "\n"
                + "crash " + info.crashVersion() + ", loaded in " + String.format(java.util.Locale.ROOT, "%.1f", seconds)
                + " s; symbol index " + opened.symbolIndex() + "\n"
                + "PANIC: " + info.panic().orElse("(sys shows no panic string)") + "\n"
                + SessionView.moduleSymbolsLine(info).map(l -> l + "\n").orElse("")
                + SessionView.warnings(info).stream().map(w -> "WARNING: " + w + "\n").collect(Collectors.joining())
                + "Run commands with crash_command (e.g. 'bt', 'log', 'ps', 'mod'), or crash_triage for the first pass.";
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", info.id());
        structured.put("dump", info.dumpName());
        structured.put("dump_path", info.dump().toString());
        structured.put("vmlinux", info.vmlinux().toString());
        structured.put("release", info.release());
        structured.put("crash_version", info.crashVersion());
        structured.put("panic", info.panic().orElse(null));
        structured.put("load_seconds", seconds);
        structured.put("reused", opened.reused());
        structured.put("symbol_index", opened.symbolIndex());
        structured.put("module_symbols", info.moduleSymbols().stream().map(ModuleDebugInfo::toMap).toList());
        structured.put("warnings", SessionView.warnings(info));
        return ToolResult.success(text, structured);
    }
}
