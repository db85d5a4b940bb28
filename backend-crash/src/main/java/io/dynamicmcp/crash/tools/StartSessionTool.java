package io.dynamicmcp.crash.tools;

import io.dynamicmcp.crash.CrashBackend;
import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.KernelMatch;
import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.SessionInfo;
import io.dynamicmcp.crash.session.SessionStarter;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code start_crash_session}: loads a dump into a new crash session. */
public final class StartSessionTool {


    private StartSessionTool() {
    }

    public static Tool create(CrashBackend backend) {
        long defaultTimeout = backend.settings().sessionTimeout().toSeconds();
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
                        .property("timeout", JsonSchema.integer().minimum(1).maximum(3600).defaultValue(defaultTimeout)
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
                .handler(call -> start(backend, call))
                .build();
    }

    private static ToolResult start(CrashBackend backend, ToolCall call) {
        Duration timeout = Duration.ofSeconds(call.arguments().integer("timeout",
                backend.settings().sessionTimeout().toSeconds(), 1, 3600));
        DumpFile dump = chooseDump(backend, call.arguments().string("dump_name"));
        return result(open(backend, call, dump, timeout).info());
    }

    /** The dump named {@code dumpName} (as list_crash_dumps names it), or the newest readable dump. */
    static DumpFile chooseDump(CrashBackend backend, Optional<String> dumpName) {
        return dumpName.map(name -> describe(backend, backend.dumps().names().resolve(name)))
                .orElseGet(() -> newest(backend));
    }

    /** Starts a new session of the caller on {@code dump}, reporting progress while crash loads. */
    static CrashSession open(CrashBackend backend, ToolCall call, DumpFile dump, Duration timeout) {
        SessionStarter starter = backend.starter();
        SessionStarter.Target target = target(backend, dump);
        String id = HexFormat.of().formatHex(randomId());
        backend.sessions().reserve();
        CrashSession session;
        try {
            call.progress(0, null, "starting crash on " + dump.name());
            session = starter.start(id, call.callerId(), target, timeout, call.cancellation(),
                    seconds -> call.progress(seconds, null, "crash is loading " + dump.name() + ": " + seconds + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            backend.sessions().abandoned();
            throw new ToolException("interrupted while starting crash");
        } catch (RuntimeException e) {
            backend.sessions().abandoned();
            throw e;
        }
        backend.sessions().added(session);
        return session;
    }

    private static DumpFile describe(CrashBackend backend, Path path) {
        return backend.dumps().describe(path)
                .orElseThrow(() -> new ToolException("dump " + path + " disappeared; call list_crash_dumps"));
    }

    private static DumpFile newest(CrashBackend backend) {
        return backend.dumps().list().stream()
                .filter(d -> d.readable() && d.format().isDump())
                .findFirst()
                .orElseThrow(() -> new ToolException("no readable dump found under " + backend.settings().dumpPath()
                        + " (CRASH_DUMP_PATH); put the vmcore there or pass dump_name"));
    }

    private static SessionStarter.Target target(CrashBackend backend, DumpFile dump) {
        dump.unreadableReason().ifPresent(why -> {
            throw new ToolException("cannot read " + dump.name() + ": " + why);
        });
        if (!dump.format().isDump()) {
            throw new ToolException("'" + dump.name() + "' is not a crash dump: its first bytes match no format crash "
                    + "reads (ELF core, kdump-compressed, diskdump), and crash --osrelease cannot read a kernel release "
                    + "from it. Pick a vmcore from list_crash_dumps.");
        }
        String release = dump.kernel().release().orElseThrow(() -> new ToolException("cannot read the kernel release "
                + "of " + dump.name() + " (" + dump.format().description() + "): neither crash --osrelease nor its "
                + "VMCOREINFO names it, so its vmlinux cannot be matched. The dump may be truncated or made without "
                + "VMCOREINFO."));
        KernelMatch match = backend.kernels().find(dump.kernel(), dump.path());
        Path vmlinux = match.vmlinux().orElseThrow(() -> new ToolException(match.missingMessage(release)));
        String version = backend.crash().map(CrashBinary::version).orElse("unknown");
        return new SessionStarter.Target(dump.name(), dump.path(), vmlinux, release, version);
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

    private static byte[] randomId() {
        return RandomBytes.next(16);
    }
}
