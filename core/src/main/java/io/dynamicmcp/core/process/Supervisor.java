package io.dynamicmcp.core.process;

import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.OutputWatcher;
import io.dynamicmcp.spi.OutputWatcher.Verdict;
import io.dynamicmcp.spi.Supervised;
import io.dynamicmcp.spi.Supervised.Ending;
import io.dynamicmcp.spi.Supervised.Stop;
import io.dynamicmcp.spi.Supervision;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one supervision loop: reads a child's output into a watcher until the watcher is done or the output ends; at
 * the deadline, on cancellation or at the output limit it interrupts the child (or kills it), gives it the grace
 * period, then kills it or answers and goes on in the background until the hang limit. One instance per supervision.
 */
final class Supervisor {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final long POLL = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Duration SETTLE = Duration.ofMillis(20);
    private static final long DRAIN_AFTER_KILL = TimeUnit.SECONDS.toNanos(3);

    private final ChildProcess child;
    private final Supervision policy;
    private final OutputWatcher watcher;
    private final Runnable release;
    private final long start = System.nanoTime();
    private final long deadline;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Stop stop = Stop.NONE;
    private long stoppedAt;
    private long lastInterrupt;
    private long lastTick = start;

    private Supervisor(ChildProcess child, Supervision policy, OutputWatcher watcher, Runnable release) {
        this.child = child;
        this.policy = policy;
        this.watcher = watcher;
        this.release = release;
        this.deadline = policy.deadline().map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
    }

    /**
     * @param release called once the supervision is over, before its outcome is final (before {@link
     *     Supervised#settled()} completes when it goes on in the background), so that the child can be supervised again
     */
    static Supervised supervise(ChildProcess child, Supervision policy, OutputWatcher watcher, Runnable release)
            throws InterruptedException {
        return new Supervisor(child, policy, watcher, release).inForeground();
    }

    private Supervised inForeground() throws InterruptedException {
        AutoCloseable registration = policy.cancellation().map(c -> c.onCancel(() -> cancelled.set(true)))
                .orElse(() -> { });
        boolean background = false;
        try {
            Optional<Ending> ending = follow(true);
            if (ending.isPresent()) {
                return settled(ending.get());
            }
            if (policy.hangLimit().isEmpty()) {
                return settled(killAndDrain());
            }
            background = true;
            CompletableFuture<Supervised> settled = new CompletableFuture<>();
            Supervised answer = new Supervised(stop, Ending.STOPPING, since(start), Optional.empty(), settled);
            Thread settler = new Thread(() -> settleInBackground(settled), "supervision-" + child.pid());
            settler.setDaemon(true);
            settler.start();
            return answer;
        } catch (InterruptedException e) {
            child.kill();
            throw e;
        } finally {
            close(registration);
            if (!background) {
                release.run();
            }
        }
    }

    private void settleInBackground(CompletableFuture<Supervised> settled) {
        try {
            Ending ending = follow(false).orElseGet(() -> {
                LOG.warn("{} did not come back within {} after the interrupt; killing it", child.spec().description(),
                        policy.hangLimit().orElseThrow());
                return killAndDrain();
            });
            Supervised outcome = settled(ending);
            release.run();
            settled.complete(outcome);
        } catch (InterruptedException e) {
            child.kill();
            release.run();
            settled.complete(settled(Ending.KILLED));
        } catch (RuntimeException e) {
            child.kill();
            release.run();
            settled.completeExceptionally(e);
        }
    }

    /**
     * Reads until the watcher is done or the output ends (then the ending), or until the grace period (foreground)
     * or the hang limit (background) passes after the interrupt (then empty). Kills at once when the policy says so.
     */
    private Optional<Ending> follow(boolean foreground) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            if (stop == Stop.NONE) {
                Stop reason = cancelled.get() ? Stop.CANCELLED : now - deadline >= 0 ? Stop.DEADLINE
                        : child.outputLimitReached() ? Stop.OUTPUT_LIMIT : Stop.NONE;
                if (reason != Stop.NONE) {
                    stop = reason;
                    stoppedAt = now;
                    if (!policy.interruptFirst()) {
                        return Optional.of(killAndDrain());
                    }
                    interrupt();
                }
            }
            if (stop != Stop.NONE && now - limit(foreground) >= 0) {
                return Optional.empty();
            }
            if (stop != Stop.NONE && policy.interruptFirst() && policy.interruptAgain().isPresent()
                    && now - lastInterrupt >= policy.interruptAgain().get().toNanos()) {
                LOG.debug("{} has not finished after the interrupt; interrupting again", child.pid());
                interrupt();
            }
            if (foreground && now - lastTick >= policy.tickEvery().toNanos()) {
                lastTick = now;
                policy.tick().accept(since(start));
            }
            byte[] chunk = child.read(Duration.ofNanos(Math.max(1, Math.min(POLL, untilNextStep(now, foreground)))));
            if (chunk == null) {
                return Optional.of(Ending.EXITED);
            }
            Verdict verdict = chunk.length > 0 ? watcher.output(chunk) : watcher.quiet();
            while (verdict == Verdict.DONE_IF_QUIET) {
                verdict = confirm();
            }
            if (verdict == Verdict.DONE) {
                return Optional.of(Ending.DONE);
            }
            if (verdict == null) {
                return Optional.of(Ending.EXITED);
            }
        }
    }

    /** Done if the child waits for input (or that cannot be told) and prints nothing more; null if output ended. */
    private Verdict confirm() throws InterruptedException {
        if (child.inputState() == ChildProcess.InputState.BUSY) {
            return Verdict.MORE;
        }
        byte[] more = child.read(SETTLE);
        if (more == null) {
            return null;
        }
        return more.length == 0 ? Verdict.DONE : watcher.output(more);
    }

    private long limit(boolean foreground) {
        return stoppedAt + (foreground ? policy.grace() : policy.hangLimit().orElse(policy.grace())).toNanos();
    }

    private long untilNextStep(long now, boolean foreground) {
        long next = stop == Stop.NONE ? deadline : limit(foreground);
        return next == Long.MAX_VALUE ? POLL : next - now;
    }

    private void interrupt() {
        lastInterrupt = System.nanoTime();
        try {
            child.interrupt();
        } catch (IOException e) {
            LOG.debug("cannot interrupt {}: {}; it will be killed after the grace period", child.pid(), e.toString());
        }
    }

    /** Kills the child and reads what is left of its output, for at most a few seconds. */
    private Ending killAndDrain() {
        child.kill();
        long until = System.nanoTime() + DRAIN_AFTER_KILL;
        try {
            byte[] chunk;
            while (System.nanoTime() - until < 0 && (chunk = child.read(Duration.ofMillis(100))) != null) {
                if (chunk.length > 0) {
                    watcher.output(chunk);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Ending.KILLED;
    }

    private Supervised settled(Ending ending) {
        Optional<Duration> took = stop != Stop.NONE && ending != Ending.KILLED
                ? Optional.of(since(stoppedAt)) : Optional.empty();
        return Supervised.settled(stop, ending, since(start), took);
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static void close(AutoCloseable registration) {
        try {
            registration.close();
        } catch (Exception e) {
            LOG.debug("unregistering a cancellation action failed: {}", e.toString());
        }
    }
}
