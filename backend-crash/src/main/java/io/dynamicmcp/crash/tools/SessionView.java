package io.dynamicmcp.crash.tools;

import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.OldCrash;
import io.dynamicmcp.crash.session.SessionInfo;
import io.dynamicmcp.crash.symbols.ModuleDebugInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A session as the tools publish it. */
final class SessionView {

    private SessionView() {
    }

    static Map<String, Object> of(CrashSession session) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("session_id", session.id());
        map.put("dump", session.info().dumpName());
        map.put("vmlinux", session.info().vmlinux().toString());
        map.put("release", session.info().release());
        map.put("started", session.info().started().toString());
        map.put("commands_run", session.commandsRun());
        map.put("idle_seconds", Duration.between(session.lastUsed(), Instant.now()).toSeconds());
        map.put("busy", session.busy());
        map.put("stopping", session.stopping());
        map.put("crash_version", session.info().crashVersion());
        map.put("module_symbols", session.info().moduleSymbols().stream().map(ModuleDebugInfo::toMap).toList());
        map.put("warnings", warnings(session.info()));
        return map;
    }

    /** What this crash cannot do with this dump, and what to do about it. */
    static List<String> warnings(SessionInfo info) {
        return OldCrash.warning(info).stream().toList();
    }

    /** One line on the modules' symbols: which have them, which not. */
    static Optional<String> moduleSymbolsLine(SessionInfo info) {
        List<ModuleDebugInfo> modules = info.moduleSymbols();
        if (modules.isEmpty()) {
            return Optional.empty();
        }
        List<String> loaded = modules.stream().filter(ModuleDebugInfo::loaded).map(ModuleDebugInfo::module).toList();
        List<String> missing = modules.stream().filter(m -> !m.loaded())
                .map(m -> m.module() + " (" + m.status().wireName().replace('_', ' ') + ")").toList();
        return Optional.of("Module symbols: " + (loaded.isEmpty() ? "none loaded" : "loaded for " + String.join(", ", loaded))
                + (missing.isEmpty() ? "" : "; none for " + String.join(", ", missing)));
    }
}
