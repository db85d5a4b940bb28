package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.session.SessionInfo;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
                        + "and the panic string. Use it before crash_command. Loading takes seconds to minutes; "
                        + "progress is reported. Without dump_name the newest dump is opened. Reuse an open session "
                        + "rather than starting another on the same dump.")
                .inputSchema(JsonSchema.object()
                        .property("dump_name", JsonSchema.string().maxLength(4096)
                                .description("The dump to open, as list_crash_dumps names it (a path relative to "
                                        + "CRASH_DUMP_PATH). Default: the newest dump."))
                        .property("timeout", JsonSchema.integer().minimum(1).maximum(3600)
                                .defaultValue(defaultTimeout.toSeconds())
                                .description("Seconds to wait for crash to finish loading"))
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
                        .required("session_id", "dump", "dump_path", "vmlinux", "release", "crash_version", "load_seconds")
                        .build())
                .annotations(new ToolAnnotations(false, false, false, false))
                .handler(this::start)
                .build();
    }

    private ToolResult start(ToolCall call) {
        Duration timeout = Duration.ofSeconds(call.arguments().integer("timeout", defaultTimeout.toSeconds(), 1, 3600));
        DumpFile dump = dumps.choose(call.arguments().string("dump_name"));
        return result(opener.open(call, dump, timeout).info());
    }

    private static ToolResult result(SessionInfo info) {
        double seconds = info.loadTime().toMillis() / 1000.0;
        String text = "Session " + info.id() + " is ready: " + info.dumpName() + " (kernel " + info.release() + ")\n"
                + "vmlinux: " + info.vmlinux() + "\n"
                + "crash " + info.crashVersion() + ", loaded in " + String.format(java.util.Locale.ROOT, "%.1f", seconds) + " s\n"
                + "PANIC: " + info.panic().orElse("(sys shows no panic string)") + "\n"
                + "Run commands with crash_command (e.g. 'bt', 'log', 'ps', 'mod').";
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", info.id());
        structured.put("dump", info.dumpName());
        structured.put("dump_path", info.dump().toString());
        structured.put("vmlinux", info.vmlinux().toString());
        structured.put("release", info.release());
        structured.put("crash_version", info.crashVersion());
        structured.put("panic", info.panic().orElse(null));
        structured.put("load_seconds", seconds);
        return ToolResult.success(text, structured);
    }
}
