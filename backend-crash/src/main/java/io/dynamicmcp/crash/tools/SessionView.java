package io.dynamicmcp.crash.tools;

import io.dynamicmcp.crash.session.CrashSession;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
        return map;
    }
}
