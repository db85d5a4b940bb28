package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one audit event per script handed to bpftrace (run, dry run, or refused). The script text is
 * recorded, up to {@value #SCRIPT_CHARS} characters, with its full SHA-256 and length: scripts are not secret,
 * and what ran on a production kernel is exactly what an auditor needs to see.
 */
final class RunAudit {

    static final int SCRIPT_CHARS = 4096;

    private final AuditLog log;
    private final boolean unsafeAllowed;

    RunAudit(AuditLog log, boolean unsafeAllowed) {
        this.log = log;
        this.unsafeAllowed = unsafeAllowed;
    }

    /** A run that ended (whatever ended it). */
    void ended(ScriptRun run) {
        RunSnapshot end = run.snapshot(Integer.MAX_VALUE);
        Map<String, Object> event = base(run.tool(), run.callerId(), run.script());
        event.put("run_id", run.id());
        event.put("verdict", "ran");
        event.put("status", end.status().wireName());
        event.put("exit_code", end.exitCode());
        event.put("duration_ms", end.durationMillis());
        event.put("bytes_out", end.bytesOut());
        event.put("truncated", end.truncated());
        event.put("killed", end.killed());
        log.record(event);
    }

    /** A script that never reached bpftrace, and why. */
    void refused(String tool, String caller, Script script, String reason) {
        Map<String, Object> event = base(tool, caller, script);
        event.put("verdict", "refused");
        event.put("reason", reason);
        log.record(event);
    }

    /** A dry run ({@code validate_bpftrace_script}). */
    void checked(String caller, Script script, boolean valid, Integer exitCode, long durationMillis) {
        Map<String, Object> event = base("validate_bpftrace_script", caller, script);
        event.put("verdict", "dry_run");
        event.put("valid", valid);
        event.put("exit_code", exitCode);
        event.put("duration_ms", durationMillis);
        log.record(event);
    }

    private Map<String, Object> base(String tool, String caller, Script script) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("provider", "bpftrace");
        event.put("tool", tool);
        event.put("caller", caller);
        event.put("script_sha256", script.sha256());
        event.put("script_length", script.length());
        event.put("script", script.length() > SCRIPT_CHARS ? script.text().substring(0, SCRIPT_CHARS) : script.text());
        event.put("script_truncated", script.length() > SCRIPT_CHARS);
        event.put("unsafe_allowed", unsafeAllowed);
        return event;
    }
}
