package io.dynamicmcp.crash.tools;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.spi.JsonSchema;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolAnnotations;
import io.dynamicmcp.spi.ToolCall;
import io.dynamicmcp.spi.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code close_crash_session}: ends a session and its crash process. */
public final class CloseSessionTool {

    private final SessionRegistry sessions;

    public CloseSessionTool(SessionRegistry sessions) {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    public Tool tool() {
        return Tool.builder("close_crash_session")
                .title("Close a crash session")
                .description("Ends a crash session: sends 'quit' to crash, kills it if it lingers, and frees its "
                        + "memory (a session can hold hundreds of MB). Use it when you are done with a dump. Sessions "
                        + "also close by themselves after CRASH_IDLE_TIMEOUT without a command.")
                .inputSchema(JsonSchema.object()
                        .property("session_id", Schemas.sessionId())
                        .build())
                .outputSchema(JsonSchema.object()
                        .property("session_id", JsonSchema.string().description("The session closed"))
                        .property("dump", JsonSchema.string().description("Its dump"))
                        .property("commands_run", JsonSchema.integer().description("Commands it ran"))
                        .property("process_ended", JsonSchema.bool().description("Whether the crash process is gone"))
                        .required("session_id", "dump", "commands_run", "process_ended")
                        .build())
                .annotations(new ToolAnnotations(false, true, false, false))
                .handler(this::close)
                .build();
    }

    private ToolResult close(ToolCall call) {
        CrashSession session = sessions.find(call.callerId(), call.arguments().string("session_id"));
        sessions.close(session, "closed with close_crash_session");
        boolean ended = ProcessHandle.of(session.pid()).map(p -> !p.isAlive()).orElse(true);
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", session.id());
        structured.put("dump", session.info().dumpName());
        structured.put("commands_run", session.commandsRun());
        structured.put("process_ended", ended);
        return ToolResult.success("Closed crash session " + session.id() + " on " + session.info().dumpName()
                + " after " + session.commandsRun() + " command(s)" + (ended ? "." : "; its process is still exiting."),
                structured);
    }
}
