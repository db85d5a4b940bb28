package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.core.pty.PtyChild;
import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.spi.CallCancellation;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to one crash process through its pty: sends a line, streams the reply to a sink, and knows the reply
 * is complete when crash prints its private prompt ({@code <program name>> }) and waits for input again.
 * On timeout or cancellation it types Ctrl-C and waits, at most a grace period, for the prompt; if crash
 * does not come back it is killed. One reply at a time; callers serialise.
 */
final class CrashConsole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CrashConsole.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration SETTLE = Duration.ofMillis(20);

    private final PtyChild child;
    private final ReplyReader reader;
    private final Duration grace;

    CrashConsole(PtyChild child, String programName, Duration grace) {
        this.child = requireNonNull(child, "child is null");
        this.reader = new ReplyReader(programName);
        this.grace = requireNonNull(grace, "grace is null");
    }

    long pid() {
        return child.pid();
    }

    boolean isAlive() {
        return child.isAlive();
    }

    /**
     * Waits for the first prompt after start-up; on timeout or cancellation crash is killed, not interrupted.
     *
     * @param tick called about once a second with the seconds elapsed
     */
    Reply awaitStartup(OutputSink sink, Duration timeout, CallCancellation cancellation, LongConsumer tick)
            throws InterruptedException {
        reader.begin(sink, null);
        return pump(timeout, cancellation, false, new AtomicBoolean(), tick);
    }

    /**
     * Sends {@code command} and streams its reply to {@code sink}. A call already cancelled is not sent at all: a
     * Ctrl-C typed right behind the command races crash reading its line.
     */
    Reply run(String command, OutputSink sink, Duration timeout, CallCancellation cancellation)
            throws InterruptedException {
        if (cancellation.isCancelled()) {
            return new Reply(Reply.Ending.CANCELLED, 0, 0, Duration.ZERO, Optional.of("cancelled before it was sent"));
        }
        reader.begin(sink, command);
        try {
            child.write(command + "\n");
        } catch (IOException e) {
            return new Reply(Reply.Ending.SESSION_ENDED, 0, 0, Duration.ZERO,
                    Optional.of("crash no longer accepts input (" + e.getMessage() + "); " + exitDescription()));
        }
        AtomicBoolean ctrlC = new AtomicBoolean();
        Reply reply = pump(timeout, cancellation, true, ctrlC, seconds -> { });
        if (reply.ending() == Reply.Ending.SESSION_ENDED || ctrlC.compareAndSet(false, true)) {
            return reply; // no Ctrl-C was sent, and none can be sent any more
        }
        if (resynchronise()) {
            return reply;
        }
        child.kill();
        return new Reply(Reply.Ending.SESSION_ENDED, reply.lines(), reply.bytes(), reply.elapsed(),
                Optional.of("crash did not answer within " + grace.toSeconds() + " s after Ctrl-C and was killed ("
                        + exitDescription() + ")"));
    }

    /**
     * After a Ctrl-C, crash may print one prompt more than the reply needed (when the interrupt arrives while it
     * already waits for input). Sends an unknown command with a random name and skips everything up to the
     * prompt that follows crash's answer to it, so the next command starts on a clean stream.
     */
    private boolean resynchronise() throws InterruptedException {
        String token = "sync-" + HexFormat.of().formatHex(RandomBytes.next(8));
        AtomicBoolean answered = new AtomicBoolean();
        reader.begin(line -> {
            if (line.contains(token) && !line.strip().equals(token)) {
                answered.set(true);
            }
        }, null);
        try {
            child.write(token + "\n");
        } catch (IOException e) {
            return false;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() - deadline < 0) {
            byte[] chunk = child.read(POLL);
            if (chunk == null) {
                return false;
            }
            boolean atPrompt = chunk.length > 0 ? reader.feed(chunk) : reader.endsWithPrompt();
            if (atPrompt && answered.get() && reader.promptStartsLine()) {
                reader.finishAtPrompt();
                return true;
            }
        }
        return false;
    }

    /** Sends {@code quit}, waits up to {@code wait} for crash to exit, then kills whatever is left. */
    void quit(Duration wait) {
        try {
            if (child.isAlive()) {
                child.write("quit\n");
                child.waitFor(wait);
            }
        } catch (IOException e) {
            LOG.debug("quit failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            child.close();
        }
    }

    @Override
    public void close() {
        child.close();
    }

    private Reply pump(Duration timeout, CallCancellation cancellation, boolean interruptible, AtomicBoolean ctrlC,
            LongConsumer tick) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lastTick = start;
        AtomicBoolean cancelled = new AtomicBoolean();
        Reply.Ending stop = null;
        long giveUpAt = Long.MAX_VALUE;
        AutoCloseable registration = cancellation.onCancel(() -> {
            cancelled.set(true);
            if (interruptible) {
                interruptOnce(ctrlC);
            }
        });
        try {
            while (true) {
                byte[] chunk = child.read(POLL);
                if (chunk == null) {
                    reader.finishAtEnd();
                    return ended(start, stop == null ? "crash exited" : "crash exited after Ctrl-C");
                }
                boolean atPrompt = chunk.length > 0 ? reader.feed(chunk) : reader.endsWithPrompt();
                if (atPrompt && confirmPrompt()) {
                    reader.finishAtPrompt();
                    if (stop == null && cancelled.get()) {
                        stop = Reply.Ending.CANCELLED;
                    }
                    return reply(stop == null ? Reply.Ending.COMPLETED : stop, start, Optional.empty());
                }
                long now = System.nanoTime();
                if (now - lastTick >= 1_000_000_000L) {
                    lastTick = now;
                    tick.accept((now - start) / 1_000_000_000L);
                }
                if (stop == null && (cancelled.get() || now - deadline >= 0)) {
                    stop = cancelled.get() ? Reply.Ending.CANCELLED : Reply.Ending.TIMED_OUT;
                    if (!interruptible) {
                        child.kill();
                        reader.finishAtEnd();
                        return ended(start, (stop == Reply.Ending.CANCELLED ? "cancelled" : "timed out after "
                                + timeout.toSeconds() + " s") + " before crash reached its prompt; crash was killed");
                    }
                    interruptOnce(ctrlC);
                    giveUpAt = now + grace.toNanos();
                }
                if (stop != null && now - giveUpAt >= 0) {
                    child.kill();
                    reader.finishAtEnd();
                    return ended(start, "crash did not return to its prompt within " + grace.toSeconds()
                            + " s after Ctrl-C (CRASH_INTERRUPT_GRACE) and was killed");
                }
            }
        } finally {
            unregister(registration);
        }
    }

    private static void unregister(AutoCloseable registration) {
        try {
            registration.close();
        } catch (Exception e) {
            LOG.debug("unregistering a cancellation action failed: {}", e.toString());
        }
    }

    /**
     * A prompt at the start of a line ends a reply: crash prints its private prompt there only when it waits
     * for input. A prompt after other text on its line (after Ctrl-C, or text that merely contains the prompt)
     * counts only once crash is seen waiting for terminal input and nothing more arrives.
     */
    private boolean confirmPrompt() throws InterruptedException {
        if (reader.promptStartsLine()) {
            return true;
        }
        if (TerminalWaitProbe.of(child.pid()) == TerminalWaitProbe.State.BUSY) {
            return false;
        }
        byte[] more = child.read(SETTLE);
        if (more == PtyChild.NOTHING) {
            return true;
        }
        if (more != null) {
            reader.feed(more);
        }
        return false;
    }

    private Reply ended(long start, String what) {
        return reply(Reply.Ending.SESSION_ENDED, start, Optional.of(what + " (" + exitDescription() + ")"));
    }

    private Reply reply(Reply.Ending ending, long start, Optional<String> reason) {
        return new Reply(ending, reader.lines(), reader.bytes(), Duration.ofNanos(System.nanoTime() - start), reason);
    }

    String exitDescription() {
        try {
            child.waitFor(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        OptionalInt code = child.exitCode();
        return code.isPresent() ? "exit status " + code.getAsInt() : "still running";
    }

    /**
     * Types Ctrl-C at most once per command: the terminal flushes its queues on each interrupt, so a second
     * one could discard the prompt crash printed after the first.
     */
    private void interruptOnce(AtomicBoolean sent) {
        if (!sent.compareAndSet(false, true)) {
            return;
        }
        try {
            child.interrupt();
        } catch (IOException e) {
            LOG.debug("Ctrl-C failed: {}", e.toString());
        }
    }
}
