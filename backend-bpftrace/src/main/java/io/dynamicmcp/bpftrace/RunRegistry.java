package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.ProcessService;
import io.dynamicmcp.spi.ProcessSpec;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.lang.System.Logger.Level;

/**
 * The runs of one tool set: starts them within the concurrency limit, finds them for their owner only, and
 * stops them when their caller leaves or the server closes. Says when a run is added or forgotten (the runs listed
 * as resources changed). Thread-safe.
 */
final class RunRegistry implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RunRegistry.class.getName());
    /** Ended runs kept for {@code get_bpftrace_output}; the oldest go first. */
    private static final int KEEP_ENDED = 32;

    private final BpftraceSettings settings;
    private final CommandLine commands;
    private final ScriptFiles files;
    private final ProcessService processes;
    private final RunAudit audit;
    private final Runnable changed;
    private final Map<String, ScriptRun> runs = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param changed run after a run is added or forgotten
     */
    RunRegistry(BpftraceSettings settings, CommandLine commands, ScriptFiles files, ProcessService processes,
            RunAudit audit, Runnable changed) {
        this.settings = settings;
        this.commands = commands;
        this.files = files;
        this.processes = processes;
        this.audit = audit;
        this.changed = changed;
    }

    /** Starts {@code script}; fails with a clear message past the concurrency limit or when bpftrace is missing. */
    ScriptRun start(String caller, String tool, Script script, Duration timeout, boolean useSudo) {
        ScriptRun started = launch(caller, tool, script, timeout, useSudo);
        changed.run();
        return started;
    }

    private ScriptRun launch(String caller, String tool, Script script, Duration timeout, boolean useSudo) {
        synchronized (this) {
            if (closed) {
                throw new ToolException("the server is shutting down; no new bpftrace run can start");
            }
            long active = runs.values().stream().filter(ScriptRun::isRunning).count();
            if (active >= settings.maxRuns()) {
                String reason = active + " bpftrace runs are already active, the most this server allows ("
                        + BpftraceSettings.MAX_RUNS + "=" + settings.maxRuns() + ")";
                audit.refused(tool, caller, script, reason);
                throw new ToolException(reason + ". Stop one of yours with stop_bpftrace, or wait for one to end, "
                        + "then try again.");
            }
            List<String> command;
            try {
                command = commands.build(useSudo, withScript(null));
            } catch (ToolException e) {
                audit.refused(tool, caller, script, e.getMessage());
                throw e;
            }
            String id = newId();
            Path file = null;
            try {
                file = files.write(id, script.text());
                command = commands.build(useSudo, withScript(file));
                ChildProcess child = processes.start(ProcessSpec.command(command).directory(files.folder()).terminal()
                        .outputLimit(settings.maxOutputBytes()).build());
                ScriptRun run = new ScriptRun(id, caller, tool, script, child, file, timeout, settings.stopGrace(),
                        this::ended);
                runs.put(id, run);
                evictEnded();
                LOG.log(Level.INFO, "run {0} for {1}: {2} started, pid {3}", id, caller, tool, child.pid());
                return run.begin();
            } catch (IOException e) {
                ScriptFiles.delete(file);
                audit.refused(tool, caller, script, "cannot start bpftrace: " + e.getMessage());
                throw new ToolException("could not start bpftrace: " + e.getMessage()
                        + ". get_bpftrace_info shows what this host has.", e);
            }
        }
    }

    private List<String> withScript(Path file) {
        List<String> arguments = new ArrayList<>(commands.scriptOptions());
        arguments.add(file == null ? "script.bt" : file.toString());
        return arguments;
    }

    /** The caller's run with this id; another caller's run does not exist for it. */
    synchronized Optional<ScriptRun> find(String caller, String id) {
        ScriptRun run = runs.get(id);
        return run == null || !run.callerId().equals(caller) || run.isAbandoned() ? Optional.empty() : Optional.of(run);
    }

    /** The caller's run with this id; when there is none, a {@link ToolException} saying which ids are valid. */
    ScriptRun require(String caller, String id) {
        return find(caller, id).orElseThrow(() -> new ToolException("no such run: '" + abbreviate(id)
                + "'. Use the run_id that start_bpftrace returned to you; runs end when your session ends, and "
                + "only the most recent ended runs are kept."));
    }

    /** Every run kept and still reachable by its owner, oldest first (for listing; never to hand to another caller). */
    synchronized List<ScriptRun> kept() {
        return runs.values().stream().filter(run -> !run.isAbandoned()).toList();
    }

    /** Forgets a run whose result was delivered (a synchronous run). */
    void forget(ScriptRun run) {
        synchronized (this) {
            if (!run.isRunning()) {
                runs.remove(run.id());
            } else {
                run.abandon();
            }
        }
        changed.run();
    }

    synchronized int activeCount() {
        return (int) runs.values().stream().filter(ScriptRun::isRunning).count();
    }

    /** Stops every run of a caller that left; they are forgotten once they end. */
    void callerEnded(String caller) {
        List<ScriptRun> theirs;
        synchronized (this) {
            theirs = runs.values().stream().filter(r -> r.callerId().equals(caller)).toList();
            for (ScriptRun run : theirs) {
                run.abandon();
                if (!run.isRunning()) {
                    runs.remove(run.id());
                }
            }
        }
        theirs.forEach(run -> run.requestStop(RunStatus.CALLER_ENDED));
        if (!theirs.isEmpty()) {
            changed.run();
        }
    }

    /** Stops every run (Ctrl-C, then SIGKILL after the grace period) and waits for them to end. */
    @Override
    public void close() {
        List<ScriptRun> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(runs.values());
        }
        all.forEach(run -> run.requestStop(RunStatus.SHUTDOWN));
        Duration wait = settings.stopGrace().plusSeconds(5);
        for (ScriptRun run : all) {
            try {
                if (!run.awaitEnd(wait)) {
                    LOG.log(Level.WARNING, "{0} did not end within {1}", run, wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            runs.clear();
        }
    }

    private void ended(ScriptRun run) {
        audit.ended(run);
        synchronized (this) {
            if (run.isAbandoned()) {
                runs.remove(run.id());
            }
        }
    }

    private void evictEnded() {
        List<String> ended = runs.values().stream().filter(r -> !r.isRunning()).map(ScriptRun::id).toList();
        for (int i = 0; i < ended.size() - KEEP_ENDED; i++) {
            runs.remove(ended.get(i));
        }
    }

    private String newId() {
        byte[] bytes = new byte[16];
        RandomHolder.RANDOM.nextBytes(bytes);
        return "bt-" + HexFormat.of().formatHex(bytes);
    }

    /** Made at the first run, not at start-up (a SecureRandom's first use costs milliseconds). */
    private static final class RandomHolder {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
