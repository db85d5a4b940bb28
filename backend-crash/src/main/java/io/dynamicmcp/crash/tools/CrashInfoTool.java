package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpEntry;
import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.crash.dump.ReadBudget;
import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.OldCrash;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.crash.session.SessionSlots;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code get_crash_info}: your sessions, the dumps found, and whether this host can analyse them. */
public final class CrashInfoTool {

    private static final int MAX_DUMPS = 20;

    private final SessionRegistry sessions;
    private final DumpLocator dumps;
    private final Optional<CrashBinary> crash;
    private final Path dumpPath;
    private final List<Path> debugSymbolRoots;
    private final Supplier<String> watching;

    /**
     * @param crash the crash binary; empty when not found
     * @param dumpPath the dump folder as configured
     * @param debugSymbolRoots the folders searched for debug symbols
     * @param watching how the dump folder is watched
     */
    public CrashInfoTool(SessionRegistry sessions, DumpLocator dumps, Optional<CrashBinary> crash, Path dumpPath,
            List<Path> debugSymbolRoots, Supplier<String> watching) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.dumps = requireNonNull(dumps, "dumps is null");
        this.crash = requireNonNull(crash, "crash is null");
        this.dumpPath = requireNonNull(dumpPath, "dumpPath is null");
        this.debugSymbolRoots = List.copyOf(debugSymbolRoots);
        this.watching = requireNonNull(watching, "watching is null");
    }

    public Tool tool() {
        return Tool.builder("get_crash_info")
                .title("Crash analysis status")
                .description("Reports your open crash sessions (id, dump, vmlinux, release, start time, commands run, "
                        + "idle time, which modules have debug symbols, what this crash cannot do with the dump), the "
                        + "dumps found, and whether the host meets the requirements (crash installed and recent enough "
                        + "to see sleeping tasks, dump folder readable, debug-symbol folders present), each with what "
                        + "to do if not. Use it first when something does not work, or to find a session id. It does not "
                        + "run crash commands.")
                .inputSchema(JsonSchema.object().build())
                .outputSchema(JsonSchema.object()
                        .property("sessions", JsonSchema.array(Schemas.session()).description("Your open sessions"))
                        .property("dumps", JsonSchema.array(Schemas.dump()).description("Dumps found, newest first"))
                        .property("requirements", JsonSchema.array(JsonSchema.object()
                                .property("name", JsonSchema.string().description("What is checked"))
                                .property("ok", JsonSchema.bool().description("Whether it is met"))
                                .property("detail", JsonSchema.string().description("What was found"))
                                .property("fix", JsonSchema.string().nullable().description("What to do if not met"))
                                .required("name", "ok", "detail")).description("Host requirements"))
                        .property("crash_version", JsonSchema.string().nullable().description("Version of crash"))
                        .required("sessions", "dumps", "requirements")
                        .build())
                .annotations(ToolAnnotations.READ_ONLY)
                .answersAtOnce()
                .handler(this::info)
                .build();
    }

    private ToolResult info(ToolCall call) {
        List<CrashSession> own = sessions.sessionsOf(call.callerId());
        List<DumpEntry> entries = dumps.entries();
        List<DumpFile> found = entries.stream().limit(MAX_DUMPS)
                .map(entry -> dumps.describe(entry, ReadBudget.of(ListDumpsTool.READ_BUDGET))).toList();
        List<Map<String, Object>> requirements = requirements();
        StringBuilder text = new StringBuilder("Sessions: ");
        if (own.isEmpty()) {
            text.append("none open");
        }
        for (CrashSession session : own) {
            Map<String, Object> view = SessionView.of(session);
            text.append("\n- ").append(session.id()).append(": ").append(view.get("dump")).append(" (kernel ")
                    .append(view.get("release")).append("), started ").append(view.get("started")).append(", ")
                    .append(view.get("commands_run")).append(" command(s), idle ").append(view.get("idle_seconds"))
                    .append(" s").append(session.stopping() ? ", returning to its prompt after Ctrl-C"
                            : session.busy() ? ", running a command" : "");
            SessionView.moduleSymbolsLine(session.info()).ifPresent(l -> text.append("\n  ").append(l));
            SessionView.warnings(session.info()).forEach(w -> text.append("\n  WARNING: ").append(w));
        }
        text.append("\nDumps under ").append(dumpPath).append(": ").append(entries.size());
        found.stream().limit(MAX_DUMPS).forEach(d -> text.append("\n- ").append(d.name()).append(" (kernel ")
                .append(d.kernel().release().orElse("unknown")).append(d.vmlinux().isPresent() ? ", symbols found)"
                        : ", NO symbols found)"));
        text.append("\nRequirements:");
        for (Map<String, Object> r : requirements) {
            text.append("\n- [").append(Boolean.TRUE.equals(r.get("ok")) ? "ok" : "NOT MET").append("] ")
                    .append(r.get("name")).append(": ").append(r.get("detail"));
            if (r.get("fix") != null) {
                text.append(" -> ").append(r.get("fix"));
            }
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("sessions", own.stream().map(SessionView::of).toList());
        structured.put("dumps", found.stream().map(DumpFile::toMap).toList());
        structured.put("requirements", requirements);
        structured.put("crash_version", crash.map(CrashBinary::version).orElse(null));
        return ToolResult.success(text.toString(), structured);
    }

    private List<Map<String, Object>> requirements() {
        List<Map<String, Object>> list = new ArrayList<>();
        if (crash.isEmpty()) {
            list.add(requirement("crash utility", false, "not found on PATH", CrashBinary.INSTALL_HINT));
        } else {
            String version = crash.get().version();
            boolean old = crash.get().olderThanRecommended();
            list.add(requirement("crash utility", !old, crash.get().path() + ", version " + version
                    + (old ? ": older than " + OldCrash.FIXED_IN + "; " + OldCrash.LOSES : ""),
                    old ? OldCrash.GET_NEWER : null));
        }
        SessionSlots slots = sessions.slots();
        list.add(requirement("crash session places", true, slots.capacity() + " crash processes at once ("
                + slots.sizing().basis() + "); " + slots.inUse() + " in use, " + slots.waiting() + " waiting", null));
        boolean readable = Files.isDirectory(dumpPath) && Files.isReadable(dumpPath) && Files.isExecutable(dumpPath);
        list.add(requirement("dump folder", readable, dumpPath + (readable ? " is readable" : " is missing or unreadable"),
                readable ? null : "create it, run the server as a user that can read it (e.g. root), or set "
                        + "CRASH_DUMP_PATH; kdump writes to /var/crash by default"));
        String watch = watching.get();
        boolean limited = watch.contains("inotify refused") || watch.contains("inotify cannot");
        list.add(requirement("dump folder watch", !limited, watch, limited ? "raise fs.inotify.max_user_watches "
                + "(and max_user_instances) with sysctl, then restart the server; until then new dumps are found by "
                + "polling" : null));
        for (Path root : debugSymbolRoots) {
            boolean present = Files.isDirectory(root);
            list.add(requirement("debug symbols folder", present, root + (present ? " exists" : " does not exist"),
                    present ? null : "install your kernel's debug symbols (Debian: apt install linux-image-$(uname -r)-dbg; "
                            + "RHEL: debuginfo-install kernel) or set DEBUG_SYMBOL_PATH"));
        }
        return list;
    }

    private static Map<String, Object> requirement(String name, boolean ok, String detail, String fix) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("ok", ok);
        map.put("detail", detail);
        map.put("fix", fix);
        return map;
    }
}
