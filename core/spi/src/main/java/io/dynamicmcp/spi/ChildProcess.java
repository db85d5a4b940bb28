package io.dynamicmcp.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A running child started by the {@link ProcessService}. The host reads its output on a thread of its own into a
 * bounded buffer: when nobody reads, the child blocks on its writes, so memory stays bounded. Thread-safe; closing
 * twice is harmless.
 */
public interface ChildProcess extends AutoCloseable {

    /** What {@link #read} returns when nothing arrived in time. */
    byte[] NOTHING = new byte[0];

    /** Whether a child waits for input on its terminal, as far as the host can tell. */
    enum InputState {
        /** It is blocked reading its terminal: whatever it had to say, it has said. */
        WAITING,
        /** It is doing something else. */
        BUSY,
        /** The host cannot tell (no terminal, or the platform does not say). */
        UNKNOWN
    }

    /** @return the child's process id */
    long pid();

    /** @return how it was started */
    ProcessSpec spec();

    /** @return when it was started */
    Instant started();

    /**
     * Writes to the child's standard input (on a terminal: as if typed).
     *
     * @param bytes what to write
     * @throws IOException if the child no longer reads its input
     */
    void write(byte[] bytes) throws IOException;

    /**
     * Writes text as UTF-8; see {@link #write(byte[])}.
     *
     * @param text what to write
     * @throws IOException if the child no longer reads its input
     */
    default void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ends the child's input: on pipes, closes it; on a terminal, types Ctrl-D (end of file at the start of a line).
     *
     * @throws IOException if that fails
     */
    void closeInput() throws IOException;

    /**
     * Waits up to {@code timeout} for output.
     *
     * @param timeout how long to wait
     * @return a non-empty chunk; {@link #NOTHING} when nothing arrived in time; {@code null} once the output has
     *     ended (the child and everything holding its output are gone) and every chunk was read
     * @throws InterruptedException if the waiting thread is interrupted
     */
    byte[] read(Duration timeout) throws InterruptedException;

    /**
     * Interrupts the child: on a terminal, types Ctrl-C, which sends SIGINT to its foreground process group; on
     * pipes, sends SIGINT to the child.
     *
     * @throws IOException if the interrupt cannot be delivered
     */
    void interrupt() throws IOException;

    /** Sends SIGTERM to the child and everything it started. */
    void terminate();

    /** Sends SIGKILL to the child and everything it started. */
    void kill();

    /** @return whether the child still runs */
    boolean isAlive();

    /**
     * The child's exit status once it exited: its exit code, or 128 plus the number of the signal that ended it.
     *
     * @return empty while it runs
     */
    OptionalInt exitStatus();

    /**
     * Waits for the child to exit.
     *
     * @param timeout the longest wait
     * @return whether it exited in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean waitFor(Duration timeout) throws InterruptedException;

    /** @return whether the child now waits for input on its terminal */
    InputState inputState();

    /** @return how many bytes of output the child produced so far, including those dropped past the limit */
    long outputBytes();

    /** @return whether output was dropped because it passed {@link ProcessSpec#outputLimit()} */
    boolean outputLimitReached();

    /**
     * Reads the child's output into {@code watcher} under {@code policy} until the watcher says the output it waits
     * for is complete, the output ends, or the policy steps in: at the deadline, on cancellation or at the output
     * limit it interrupts the child (or kills it, if the policy says so), waits the grace period for the watcher or
     * the end of the output, and then kills the child or, if the policy says so, answers and keeps reading in the
     * background. The one supervision loop every provider uses; one supervision at a time per child.
     *
     * @param policy when to interrupt, how long to wait, and what to do then
     * @param watcher told about every chunk, on the calling thread and later, for a background stop, on a host
     *     thread
     * @return how it ended
     * @throws InterruptedException if the calling thread is interrupted; the child is then killed
     */
    Supervised supervise(Supervision policy, OutputWatcher watcher) throws InterruptedException;

    /** Kills the child if it still runs and releases its terminal or pipes. Idempotent. */
    @Override
    void close();
}
