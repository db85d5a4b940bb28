package io.dynamicmcp.bpftrace;

import io.dynamicmcp.core.pty.PtyChild;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bpftrace process running a script. A dedicated thread reads its terminal, parses each line, and
 * enforces the deadline: at the deadline (or on {@link #requestStop}) it types Ctrl-C, so bpftrace detaches
 * and prints its maps, and kills it if it has not exited after the grace period. Output past the byte limit
 * is dropped and stops the run. The script file is deleted when the run ends. Thread-safe.
 */
final class ScriptRun {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptRun.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long EOF_AFTER_KILL_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final String id;
    private final String callerId;
    private final String tool;
    private final Script script;
    private final PtyChild child;
    private final Path scriptFile;
    private final OutputParser parser;
    private final LineSplitter lines = new LineSplitter();
    private final long maxOutputBytes;
    private final long graceNanos;
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;
    private final CountDownLatch attachedOrEnded = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Consumer<ScriptRun> onEnd;

    private final List<OutputItem> items = new ArrayList<>();
    private long bytesOut;
    private long bytesKept;
    private boolean truncated;
    private RunStatus stopReason;
    private long killAtNanos = Long.MAX_VALUE;
    private long killedAtNanos;
    private boolean killed;
    private RunStatus status = RunStatus.RUNNING;
    private Integer processExitCode;
    private long endNanos;
    private volatile boolean abandoned;

    ScriptRun(String id, String callerId, String tool, Script script, PtyChild child, Path scriptFile,
            Duration timeout, long maxOutputBytes, Duration grace, Consumer<ScriptRun> onEnd) {
        this.id = id;
        this.callerId = callerId;
        this.tool = tool;
        this.script = script;
        this.child = child;
        this.scriptFile = scriptFile;
        this.parser = new OutputParser(scriptFile == null ? null : scriptFile.toString());
        this.maxOutputBytes = maxOutputBytes;
        this.graceNanos = grace.toNanos();
        this.deadlineNanos = startNanos + timeout.toNanos();
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
     * Asks the run to stop: Ctrl-C now (bpftrace prints its maps and exits), SIGKILL after the grace period.
     * The first reason wins; a run that already ended or is already stopping is left alone.
     *
     * @return whether this call started the stop
     */
    synchronized boolean requestStop(RunStatus reason) {
        if (status != RunStatus.RUNNING || stopReason != null) {
            return false;
        }
        stopReason = reason;
        killAtNanos = System.nanoTime() + graceNanos;
        try {
            child.interrupt();
        } catch (IOException e) {
            LOG.debug("cannot type Ctrl-C to run {}; killing it", id, e);
            killNow();
        }
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
        return new RunSnapshot(id, status, processExitCode, duration, bytesOut, truncated, killed, attached, lost,
                from, List.copyOf(items.subList(from, items.size())), items.size());
    }

    private void pump() {
        try {
            while (true) {
                byte[] chunk = child.read(Duration.ofNanos(untilNextCheck()));
                if (chunk == null) {
                    break;
                }
                if (chunk.length > 0) {
                    accept(chunk);
                }
                if (checkClock()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("run {} failed while reading bpftrace's output", id, e);
        } finally {
            finish();
        }
    }

    private synchronized long untilNextCheck() {
        long now = System.nanoTime();
        long next = Math.min(stopReason == null ? deadlineNanos : killAtNanos, now + POLL_NANOS);
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), next - now);
    }

    /** Enforces the deadline and the grace period; true when reading should give up (killed, no EOF). */
    private boolean checkClock() {
        long now = System.nanoTime();
        if (now >= deadlineNanos) {
            requestStop(RunStatus.TIMED_OUT);
        }
        synchronized (this) {
            if (!killed && now >= killAtNanos) {
                LOG.info("run {} did not exit {} ms after Ctrl-C; killing it", id, graceNanos / 1_000_000);
                killNow();
            }
            return killed && now - killedAtNanos > EOF_AFTER_KILL_NANOS;
        }
    }

    private synchronized void killNow() {
        if (!killed) {
            killed = true;
            killedAtNanos = System.nanoTime();
            child.kill();
        }
    }

    private void accept(byte[] chunk) {
        boolean overLimit = false;
        synchronized (this) {
            bytesOut += chunk.length;
            if (truncated) {
                return;
            }
            byte[] kept = chunk;
            if (bytesKept + chunk.length > maxOutputBytes) {
                kept = java.util.Arrays.copyOf(chunk, (int) (maxOutputBytes - bytesKept));
                truncated = true;
                overLimit = true;
            }
            bytesKept += kept.length;
            for (String line : lines.accept(kept)) {
                add(parser.parse(line));
            }
        }
        if (overLimit) {
            requestStop(RunStatus.OUTPUT_LIMIT);
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

    private void finish() {
        try {
            if (!child.waitFor(Duration.ofNanos(graceNanos))) {
                killNow();
                child.waitFor(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killNow();
        }
        Integer exit = child.exitCode().isPresent() ? child.exitCode().getAsInt() : null;
        child.close();
        ScriptFiles.delete(scriptFile);
        synchronized (this) {
            if (!truncated) {
                lines.flush().forEach(line -> add(parser.parse(line)));
            }
            processExitCode = exit;
            status = stopReason == null ? RunStatus.EXITED : stopReason;
            endNanos = System.nanoTime();
        }
        try {
            onEnd.accept(this);
        } catch (RuntimeException e) {
            LOG.warn("run {}: end callback failed", id, e);
        }
        attachedOrEnded.countDown();
        ended.countDown();
    }

    @Override
    public String toString() {
        return "ScriptRun[" + id + ", caller " + callerId + ", pid " + child.pid() + "]";
    }
}
