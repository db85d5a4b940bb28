package io.dynamicmcp.crash.session;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * How a command's reply ended.
 *
 * @param ending why reading stopped
 * @param lines lines passed to the sink
 * @param bytes characters passed to the sink, counting one per line end
 * @param elapsed from sending the command to the end of the reply
 * @param endReason for {@link Ending#SESSION_ENDED}: what happened to crash
 * @param interruptTook after a Ctrl-C, how long crash took to return to its prompt, when it did before the reply
 * @param settled completes when crash is back at its prompt and in step (true) or gone (false): at once, unless crash
 *     was still coming back from a Ctrl-C when the reply was given
 */
public record Reply(Ending ending, long lines, long bytes, Duration elapsed, Optional<String> endReason,
        Optional<Duration> interruptTook, CompletionStage<Boolean> settled) {

    public enum Ending {
        /** crash printed the whole reply and its prompt. */
        COMPLETED,
        /** The timeout passed; crash was interrupted with Ctrl-C. */
        TIMED_OUT,
        /** The call was cancelled; crash was interrupted with Ctrl-C. */
        CANCELLED,
        /** crash exited or was killed; the session is over. */
        SESSION_ENDED
    }

    /** Whether the output is incomplete. */
    public boolean partial() {
        return ending != Ending.COMPLETED;
    }

    /** Whether crash is, as of now, still on its way back to its prompt after a Ctrl-C. */
    public boolean stillStopping() {
        return !settled.toCompletableFuture().isDone();
    }
}
