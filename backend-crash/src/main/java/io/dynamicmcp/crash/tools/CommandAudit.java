package io.dynamicmcp.crash.tools;

import io.dynamicmcp.crash.policy.Verdict;
import io.dynamicmcp.crash.session.Reply;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The audit-log event for one crash command line and what became of it, whichever tool sent it. */
public final class CommandAudit {

    private CommandAudit() {
    }

    /**
     * @param session the session id, or null when the line was refused before one was chosen
     * @param reply how the command ended, or null when it did not run
     * @param error why it failed to run, when it was allowed but did not run
     */
    public static Map<String, Object> event(String tool, String caller, String session, String dump, String line,
            Verdict verdict, Reply reply, String error) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("tool", tool);
        event.put("caller", caller);
        event.put("session", session);
        event.put("dump", dump);
        event.put("command", line);
        event.put("verdict", verdict.allowed() ? "allowed" : "rejected");
        if (!verdict.allowed()) {
            event.put("reason", verdict.reason());
        } else if (reply != null) {
            event.put("sent", verdict.crashCommand());
            event.put("ending", reply.ending().name().toLowerCase(Locale.ROOT));
            event.put("duration_ms", reply.elapsed().toMillis());
            event.put("lines_out", reply.lines());
        } else {
            event.put("ending", "failed");
            event.put("error", String.valueOf(error));
        }
        return event;
    }
}
