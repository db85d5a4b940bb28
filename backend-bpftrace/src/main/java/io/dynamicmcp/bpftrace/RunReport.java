package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link RunSnapshot} into a tool result: readable text for people, structured content for programs. */
final class RunReport {

    private static final String MEMLOCK = "couldn't set RLIMIT_MEMLOCK";

    private RunReport() {
    }

    /** A result for {@code snapshot}; an error result when the script failed before attaching. */
    static ToolResult of(RunSnapshot snapshot, boolean allowUnsafe, boolean errorIfFailed) {
        StringBuilder output = new StringBuilder();
        List<Map<String, Object>> maps = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (OutputItem item : snapshot.items()) {
            if (item instanceof OutputItem.Printed printed) {
                output.append(printed.text());
                body.append(printed.text());
            } else if (item instanceof OutputItem.MapDump dump) {
                maps.add(dump.map().toStructured());
                endLine(body).append(MapRenderer.render(dump.map()));
            } else if (item instanceof OutputItem.Message message) {
                messages.add(message.text());
                if (!message.text().contains(MEMLOCK)) {
                    endLine(body).append(message.text()).append('\n');
                }
            }
        }
        List<Diagnostic> diagnostics = Diagnostic.from(messages);
        List<String> hints = Hints.explain(messages, allowUnsafe);

        text.append(headline(snapshot)).append('\n');
        if (body.length() > 0) {
            text.append('\n').append(body);
        } else if (!snapshot.running()) {
            text.append("\n(no output)\n");
        }
        for (String hint : hints) {
            endLine(text).append("\nNote: ").append(hint).append('\n');
        }

        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("run_id", snapshot.id());
        structured.put("status", snapshot.status().wireName());
        structured.put("running", snapshot.running());
        structured.put("exit_code", snapshot.exitCode());
        structured.put("duration_ms", snapshot.durationMillis());
        structured.put("bytes_out", snapshot.bytesOut());
        structured.put("truncated", snapshot.truncated());
        structured.put("killed", snapshot.killed());
        structured.put("attached_probes", snapshot.attachedProbes());
        structured.put("lost_events", snapshot.lostEvents());
        structured.put("output", output.toString());
        structured.put("maps", maps);
        structured.put("messages", messages);
        structured.put("diagnostics", diagnostics.stream().map(Diagnostic::toStructured).toList());
        structured.put("hints", hints);
        structured.put("offset", snapshot.offset());
        structured.put("next_offset", snapshot.nextOffset());
        if (errorIfFailed && snapshot.failedToStart()) {
            return ToolResult.error(text.toString(), structured);
        }
        return ToolResult.success(text.toString(), structured);
    }

    private static String headline(RunSnapshot s) {
        String probes = s.attachedProbes() == null ? "no probe attached"
                : s.attachedProbes() + (s.attachedProbes() == 1 ? " probe" : " probes") + " attached";
        String seconds = String.format("%.1f s", s.durationMillis() / 1000.0);
        String truncated = s.truncated() ? " Output was TRUNCATED at the server's limit ("
                + BpftraceSettings.MAX_OUTPUT_BYTES + "); " + s.bytesOut() + " bytes were printed in all." : "";
        String lost = s.lostEvents() > 0 ? " The kernel dropped " + s.lostEvents() + " events." : "";
        String killed = s.killed() ? " bpftrace did not exit after Ctrl-C and was killed, so maps may be missing." : "";
        String run = "Run " + s.id() + ": ";
        String state = switch (s.status()) {
            case RUNNING -> "running for " + seconds + ", " + probes + ".";
            case EXITED -> s.failedToStart()
                    ? "bpftrace refused the script (exit code " + s.processExitCode() + "); see the messages below."
                    : "bpftrace exited with code " + s.processExitCode() + " after " + seconds + ", " + probes + ".";
            case TIMED_OUT -> "timed out after " + seconds + " and was stopped with Ctrl-C (exit code "
                    + RunSnapshot.TIMEOUT_EXIT_CODE + "); " + probes + ". Maps printed on stop are included.";
            case STOPPED -> "stopped with Ctrl-C after " + seconds + ", " + probes + "; maps printed on stop are included.";
            case OUTPUT_LIMIT -> "stopped after " + seconds + " because it printed too much.";
            case CANCELLED -> "cancelled by the client after " + seconds + ".";
            case CALLER_ENDED -> "stopped after " + seconds + " because its client disconnected.";
            case SHUTDOWN -> "stopped after " + seconds + " because the server is shutting down.";
        };
        return run + state + truncated + lost + killed;
    }

    private static StringBuilder endLine(StringBuilder text) {
        if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        return text;
    }
}
