package io.dynamicmcp.spi;

/**
 * Follows a child's output during a {@linkplain ChildProcess#supervise supervision} and says when the output it
 * waits for is complete, for example when a program prints its prompt again. Called from one thread at a time.
 */
public interface OutputWatcher {

    /** Whether the awaited output is complete. */
    enum Verdict {
        /** Not yet. */
        MORE,
        /** Yes. */
        DONE,
        /**
         * Yes, if the child now waits for input on its terminal (or the host cannot tell) and prints nothing more
         * for a moment: for output that merely looks like the end, such as a prompt after other text on its line.
         */
        DONE_IF_QUIET
    }

    /**
     * A watcher that waits for the end of the output: the child exiting.
     *
     * @return a watcher that is never done
     */
    static OutputWatcher untilExit() {
        return chunk -> Verdict.MORE;
    }

    /**
     * Takes the next chunk of output.
     *
     * @param chunk what the child printed, never empty
     * @return whether the awaited output is now complete
     */
    Verdict output(byte[] chunk);

    /**
     * Called when no output arrived for a moment.
     *
     * @return whether the awaited output is complete; by default {@link Verdict#MORE}
     */
    default Verdict quiet() {
        return Verdict.MORE;
    }
}
