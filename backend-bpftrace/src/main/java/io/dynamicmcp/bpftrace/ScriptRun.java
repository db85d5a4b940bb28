package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.OutputWatcher;
import io.dynamicmcp.spi.Supervised;
import io.dynamicmcp.spi.Supervision;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One bpftrace process running a script. A dedicated thread reads its terminal under the host's supervision, parsing
 * each line: at the deadline (or on {@link #requestStop}) the supervision types Ctrl-C, so bpftrace detaches and
 * prints its maps, and kills it if it has not exited after the grace period; output past the byte limit stops the
 * run the same way. The script file is deleted when the run ends. Thread-safe.
 */
final class ScriptRun {

    private static final System.Logger LOG = System.getLogger(ScriptRun.class.getName());

    private final String id;
    private final String callerId;
    private final String tool;
    private final Script script;
    private final ChildProcess child;
    private final Path scriptFile;
    private final OutputParser parser;
    private final LineSplitter lines = new LineSplitter();
    private final Duration timeout;
    private final Duration grace;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch attachedOrEnded = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CallCancellation.Trigger stop = CallCancellation.trigger();
    private final Consumer<ScriptRun> onEnd;

    private final List<OutputItem> items = new ArrayList<>();
    private RunStatus stopReason;
    private boolean killed;
    private RunStatus status = RunStatus.RUNNING;
    private Integer processExitCode;
    private long endNanos;
    private volatile boolean abandoned;

    /** @param child started with the run's output limit as its spec's output limit */
    ScriptRun(String id, String callerId, String tool, Script script, ChildProcess child, Path scriptFile,
            Duration timeout, Duration grace, Consumer<ScriptRun> onEnd) {
        this.id = id;
        this.callerId = callerId;
        this.tool = tool;
        this.script = script;
        this.child = child;
        this.scriptFile = scriptFile;
        this.parser = new OutputParser(scriptFile == null ? null : scriptFile.toString());
        this.timeout = timeout;
        this.grace = grace;
        this.onEnd = onEnd;
    }

    /** Starts the thread that drains and supervises the process. */
    ScriptRun begin() {
        Thread pump = new Thread(this::pump, "bpftrace-run-" + id);
        pump.setDaemon(true);
        pump.start();
        return this;
    }

    String id() {
        return id;
    }

    String callerId() {
        return callerId;
    }

    String tool() {
        return tool;
    }

    Script script() {
        return script;
    }

    long pid() {
        return child.pid();
    }

    boolean isAbandoned() {
        return abandoned;
    }

    /** Marks a run nobody can reach any more (its caller left); it is forgotten once it ends. */
    void abandon() {
        abandoned = true;
    }

    synchronized boolean isRunning() {
        return status == RunStatus.RUNNING;
    }

    /**
     * Asks the run to stop: Ctrl-C now (bpftrace prints its maps and exits), SIGKILL after the grace period. The first
     * reason wins; a run that already ended or is already stopping is left alone.
     *
     * @return whether this call started the stop
     */
    synchronized boolean requestStop(RunStatus reason) {
        if (status != RunStatus.RUNNING || stopReason != null) {
            return false;
        }
        stopReason = reason;
        stop.cancel(CallCancellation.Reason.STOPPED);
        return true;
    }

    /** Waits until the run has ended, at most {@code timeout}; true if it has. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits until bpftrace attached its probes or the run ended, at most {@code timeout}. */
    void awaitAttachedOrEnd(Duration timeout) throws InterruptedException {
        attachedOrEnded.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** What the run printed from item {@code offset} on, and where it is now. */
    synchronized RunSnapshot snapshot(int offset) {
        int from = Math.max(0, Math.min(offset, items.size()));
        Long attached = null;
        long lost = 0;
        for (OutputItem item : items) {
            if (item instanceof OutputItem.Attached a) {
                attached = a.probes();
            } else if (item instanceof OutputItem.LostEvents l) {
                lost += l.events();
            }
        }
        long duration = ((status == RunStatus.RUNNING ? System.nanoTime() : endNanos) - startNanos) / 1_000_000;
        return new RunSnapshot(id, status, processExitCode, duration, child.outputBytes(), child.outputLimitReached(),
                killed, attached, lost, from, List.copyOf(items.subList(from, items.size())), items.size());
    }

    private void pump() {
        Supervised outcome = null;
        try {
            // bpftrace 0.17 misses about one Ctrl-C in twenty that comes just as its BEGIN probe has fired
            outcome = child.supervise(Supervision.deadline(timeout).stopOn(stop).grace(grace)
                    .interruptAgainEvery(Duration.ofSeconds(1)), chunk -> {
                accept(chunk);
                return OutputWatcher.Verdict.MORE;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "run " + id + " failed while reading bpftrace's output", e);
        } finally {
            finish(outcome);
        }
    }

    private synchronized void accept(byte[] chunk) {
        for (String line : lines.accept(chunk)) {
            add(parser.parse(line));
        }
    }

    private void add(OutputItem item) {
        if (item == null) {
            return;
        }
        items.add(item);
        if (item instanceof OutputItem.Attached) {
            attachedOrEnded.countDown();
        }
    }

    private void finish(Supervised outcome) {
        try {
            if (!child.waitFor(grace)) {
                child.kill();
                child.waitFor(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.kill();
        }
        Integer exit = child.exitStatus().isPresent() ? child.exitStatus().getAsInt() : null;
        child.close();
        ScriptFiles.delete(scriptFile);
        synchronized (this) {
            if (!child.outputLimitReached()) {
                lines.flush().forEach(line -> add(parser.parse(line)));
            }
            processExitCode = exit;
            killed = outcome == null || outcome.ending() == Supervised.Ending.KILLED;
            status = stopReason != null ? stopReason : outcome == null ? RunStatus.EXITED : switch (outcome.stop()) {
                case DEADLINE -> RunStatus.TIMED_OUT;
                case OUTPUT_LIMIT -> RunStatus.OUTPUT_LIMIT;
                case CANCELLED, NONE -> RunStatus.EXITED;
            };
            endNanos = System.nanoTime();
        }
        try {
            onEnd.accept(this);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "run " + id + ": end callback failed", e);
        }
        attachedOrEnded.countDown();
        ended.countDown();
    }

    @Override
    public String toString() {
        return "ScriptRun[" + id + ", caller " + callerId + ", pid " + child.pid() + "]";
    }
}
