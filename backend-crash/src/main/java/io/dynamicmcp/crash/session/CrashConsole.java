package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.crash.filter.LineSink;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.OutputWatcher;
import io.dynamicmcp.spi.Supervised;
import io.dynamicmcp.spi.Supervision;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Talks to one crash process through its terminal: sends a line, streams the reply to a sink, and knows the reply is
 * complete when crash prints its private prompt ({@code <program name>> }) and waits for input again. The host's
 * supervision does the rest: at the timeout or on cancellation it types Ctrl-C and gives crash a short grace period to
 * come back; if crash is slower than that (gdb inside a long disassembly, a busy machine), the caller gets the partial
 * output at once and crash is followed in the background until it is back at its prompt, so a slow interrupt never
 * costs the session; only a crash that stays away past the hang limit is killed. One reply at a time; callers
 * serialise.
 */
final class CrashConsole implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CrashConsole.class.getName());

    /** The timing of a console's interrupts: how long an answer waits, how long crash may take before it counts as hung. */
    record Interrupts(Duration answerGrace, Duration hangLimit) {
        Interrupts {
            requireNonNull(answerGrace, "answerGrace is null");
            requireNonNull(hangLimit, "hangLimit is null");
        }
    }

    private final ChildProcess child;
    private final ReplyReader reader;
    private final Interrupts interrupts;

    CrashConsole(ChildProcess child, String programName, Interrupts interrupts) {
        this.child = requireNonNull(child, "child is null");
        this.reader = new ReplyReader(programName);
        this.interrupts = requireNonNull(interrupts, "interrupts is null");
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
    Reply awaitStartup(LineSink sink, Duration timeout, CallCancellation cancellation, LongConsumer tick)
            throws InterruptedException {
        reader.begin(sink, null);
        Supervised outcome = child.supervise(Supervision.deadline(timeout).stopOn(cancellation).killAtDeadline()
                .onTick(Duration.ofSeconds(1), elapsed -> tick.accept(elapsed.toSeconds())), watcher());
        if (outcome.ending() != Supervised.Ending.DONE) {
            reader.finishAtEnd();
            String what = switch (outcome.stop()) {
                case NONE, OUTPUT_LIMIT -> "crash exited";
                case DEADLINE -> "timed out after " + timeout.toSeconds() + " s before crash reached its prompt; "
                        + "crash was killed";
                case CANCELLED -> "cancelled before crash reached its prompt; crash was killed";
            };
            return ended(outcome, what);
        }
        reader.finishAtPrompt();
        return reply(Reply.Ending.COMPLETED, outcome, Optional.empty(), settled());
    }

    /**
     * Sends {@code command} and streams its reply to {@code sink}. A call already cancelled is not sent at all: a
     * Ctrl-C typed right behind the command races crash reading its line. When crash is still coming back from a
     * Ctrl-C as the reply is given, {@link Reply#settled()} completes once it is back at its prompt and in step again
     * (true) or had to be killed (false); the caller keeps the console busy until then.
     */
    Reply run(String command, LineSink sink, Duration timeout, CallCancellation cancellation)
            throws InterruptedException {
        if (cancellation.isCancelled()) {
            return new Reply(Reply.Ending.CANCELLED, 0, 0, Duration.ZERO, Optional.of("cancelled before it was sent"),
                    Optional.empty(), settled());
        }
        reader.begin(sink, command);
        try {
            child.write(command + "\n");
        } catch (IOException e) {
            return new Reply(Reply.Ending.SESSION_ENDED, 0, 0, Duration.ZERO,
                    Optional.of("crash no longer accepts input (" + e.getMessage() + "); " + exitDescription()),
                    Optional.empty(), settled());
        }
        Supervised outcome = child.supervise(Supervision.deadline(timeout).stopOn(cancellation)
                .grace(interrupts.answerGrace()).keepStoppingInBackground(interrupts.hangLimit()), watcher());
        Reply.Ending ending = switch (outcome.stop()) {
            case NONE, OUTPUT_LIMIT -> Reply.Ending.COMPLETED;
            case DEADLINE -> Reply.Ending.TIMED_OUT;
            case CANCELLED -> Reply.Ending.CANCELLED;
        };
        switch (outcome.ending()) {
            case DONE -> {
                reader.finishAtPrompt();
                boolean inStep = ending == Reply.Ending.COMPLETED || resynchronise();
                return inStep ? reply(ending, outcome, Optional.empty(), settled())
                        : killed(outcome, "crash did not answer after Ctrl-C and was killed");
            }
            case STOPPING -> {
                long lines = reader.lines();
                long bytes = reader.bytes();
                reader.discardRest();
                CompletionStage<Boolean> settled = outcome.settled().thenApply(this::settleAfterInterrupt);
                return new Reply(ending, lines, bytes, outcome.elapsed(), Optional.empty(), Optional.empty(), settled);
            }
            default -> {
                reader.finishAtEnd();
                return ended(outcome, outcome.ending() == Supervised.Ending.KILLED
                        ? "crash did not return to its prompt after Ctrl-C and was killed" : "crash exited");
            }
        }
    }

    /** In the background, once crash came back from a slow Ctrl-C: gets in step again; false if crash is gone. */
    private boolean settleAfterInterrupt(Supervised settled) {
        if (settled.ending() != Supervised.Ending.DONE) {
            LOG.log(Level.WARNING, "crash (pid {0}) did not return to its prompt within {1} s after Ctrl-C and was "
                    + "killed", child.pid(), interrupts.hangLimit().toSeconds());
            child.kill();
            return false;
        }
        reader.finishAtPrompt();
        LOG.log(Level.INFO, "crash (pid {0}) returned to its prompt {1} ms after Ctrl-C", child.pid(),
                settled.stopTook().map(Duration::toMillis).orElse(-1L));
        try {
            if (resynchronise()) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        child.kill();
        return false;
    }

    /**
     * After a Ctrl-C, crash may print one prompt more than the reply needed (when the interrupt arrives while it
     * already waits for input). Sends an unknown command with a random name and skips everything up to the prompt
     * that follows crash's answer to it, so the next command starts on a clean stream.
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
        OutputWatcher untilAnswered = new OutputWatcher() {
            @Override
            public Verdict output(byte[] chunk) {
                return at(reader.feed(chunk));
            }

            @Override
            public Verdict quiet() {
                return at(reader.endsWithPrompt());
            }

            private Verdict at(boolean prompt) {
                return prompt && answered.get() && reader.promptStartsLine() ? Verdict.DONE : Verdict.MORE;
            }
        };
        Supervised outcome = child.supervise(Supervision.deadline(interrupts.hangLimit()).killAtDeadline(), untilAnswered);
        if (outcome.ending() == Supervised.Ending.DONE) {
            reader.finishAtPrompt();
            return true;
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
            LOG.log(Level.DEBUG, "quit failed: {0}", e.toString());
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

    /** Says a reply is complete at the prompt: at once when the prompt starts its line, else once crash is quiet. */
    private OutputWatcher watcher() {
        return new OutputWatcher() {
            @Override
            public Verdict output(byte[] chunk) {
                return atPrompt(reader.feed(chunk));
            }

            @Override
            public Verdict quiet() {
                return atPrompt(reader.endsWithPrompt());
            }

            private Verdict atPrompt(boolean prompt) {
                return !prompt ? Verdict.MORE : reader.promptStartsLine() ? Verdict.DONE : Verdict.DONE_IF_QUIET;
            }
        };
    }

    private Reply ended(Supervised outcome, String what) {
        return reply(Reply.Ending.SESSION_ENDED, outcome, Optional.of(what + " (" + exitDescription() + ")"),
                CompletableFuture.completedFuture(false));
    }

    private Reply killed(Supervised outcome, String what) {
        child.kill();
        return ended(outcome, what);
    }

    private Reply reply(Reply.Ending ending, Supervised outcome, Optional<String> reason, CompletionStage<Boolean> settled) {
        return new Reply(ending, reader.lines(), reader.bytes(), outcome.elapsed(), reason, outcome.stopTook(), settled);
    }

    private static CompletionStage<Boolean> settled() {
        return CompletableFuture.completedFuture(true);
    }

    String exitDescription() {
        try {
            child.waitFor(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        OptionalInt code = child.exitStatus();
        return code.isPresent() ? "exit status " + code.getAsInt() : "still running";
    }
}
