package io.dynamicmcp.crash.session;

import java.time.Duration;
import java.util.Optional;

/**
 * How a command's reply ended.
 *
 * @param ending why reading stopped
 * @param lines lines passed to the sink
 * @param bytes characters passed to the sink, counting one per line end
 * @param elapsed from sending the command to the end of the reply
 * @param endReason for {@link Ending#SESSION_ENDED}: what happened to crash
 */
public record Reply(Ending ending, long lines, long bytes, Duration elapsed, Optional<String> endReason) {

    public enum Ending {
        /** crash printed the whole reply and its prompt. */
        COMPLETED,
        /** The timeout passed; crash was interrupted with Ctrl-C and is back at its prompt. */
        TIMED_OUT,
        /** The call was cancelled; crash was interrupted with Ctrl-C and is back at its prompt. */
        CANCELLED,
        /** crash exited or was killed; the session is over. */
        SESSION_ENDED
    }

    /** Whether the output is incomplete. */
    public boolean partial() {
        return ending != Ending.COMPLETED;
    }
}
