package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ToolException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntConsumer;

/**
 * The places for crash processes (about 400 MB each): client sessions and the server's own background work take one
 * each while crash runs. When all are taken, a client waits in line, first come first served, for at most its wait,
 * and no more than {@code maxWaiting} wait at once; past either it is refused with an answer that says why. Background
 * work only takes a place when nobody waits and, unless there is only one, at least one more stays free for clients.
 * Thread-safe.
 */
public final class SessionSlots {

    private static final long TICK_MILLIS = 1000;

    private final SessionSizing sizing;
    private final int maxWaiting;
    private final Deque<Object> line = new ArrayDeque<>();
    private int used;
    private boolean closed;

    /** @param maxWaiting how many clients may wait for a place at once; 0 refuses at once when all are taken */
    public SessionSlots(SessionSizing sizing, int maxWaiting) {
        this.sizing = requireNonNull(sizing, "sizing is null");
        if (sizing.sessions() < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("sessions must be at least 1 and maxWaiting at least 0");
        }
        this.maxWaiting = maxWaiting;
    }

    public SessionSizing sizing() {
        return sizing;
    }

    public int capacity() {
        return sizing.sessions();
    }

    public synchronized int inUse() {
        return used;
    }

    public synchronized int waiting() {
        return line.size();
    }

    /**
     * Takes a place for a client, waiting in line up to {@code wait}.
     *
     * @param waiting told the place in line (1 = next) about once a second while waiting
     * @throws ToolException when no place came free in time, the line is full, or the call was cancelled
     */
    public void acquire(Duration wait, CallCancellation cancellation, IntConsumer waiting) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Object ticket = new Object();
        synchronized (this) {
            checkOpen();
            if (line.isEmpty() && used < capacity()) {
                used++;
                return;
            }
            if (wait.isZero() || line.size() >= maxWaiting) {
                throw full(line.size() >= maxWaiting && !wait.isZero()
                        ? maxWaiting + " requests are already waiting for one (CRASH_SESSION_QUEUE)"
                        : "CRASH_SESSION_WAIT is 0, so requests do not wait");
            }
            line.addLast(ticket);
        }
        AutoCloseable wake = cancellation.onCancel(this::wakeAll);
        try {
            synchronized (this) {
                while (true) {
                    checkOpen();
                    if (line.peekFirst() == ticket && used < capacity()) {
                        line.removeFirst();
                        used++;
                        notifyAll();
                        return;
                    }
                    if (cancellation.isCancelled()) {
                        throw new ToolException("the call was cancelled while it waited for a free crash session");
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw full("none came free within " + wait.toSeconds() + " s (CRASH_SESSION_WAIT)");
                    }
                    waiting.accept(position(ticket));
                    wait(Math.max(1, Math.min(TICK_MILLIS, left / 1_000_000)));
                }
            }
        } finally {
            closeQuietly(wake);
            synchronized (this) {
                if (line.remove(ticket)) {
                    notifyAll();
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable registration) {
        try {
            registration.close();
        } catch (Exception e) {
            // unregistering a cancellation action does not fail in practice; nothing to undo
        }
    }

    /** Takes a place for background work if one is free and no client waits or needs it; never waits. */
    public synchronized boolean tryAcquireBackground() {
        int keepFree = capacity() > 1 ? 1 : 0;
        if (closed || !line.isEmpty() || used + keepFree >= capacity()) {
            return false;
        }
        used++;
        return true;
    }

    /** Gives a place back. */
    public synchronized void release() {
        if (used > 0) {
            used--;
        }
        notifyAll();
    }

    /** Refuses every waiting and later request. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private synchronized void wakeAll() {
        notifyAll();
    }

    private int position(Object ticket) {
        int position = 1;
        for (Object waiting : line) {
            if (waiting == ticket) {
                return position;
            }
            position++;
        }
        return position;
    }

    private void checkOpen() {
        if (closed) {
            throw new ToolException("the crash provider is shutting down");
        }
    }

    private ToolException full(String why) {
        return new ToolException("all " + capacity() + " crash sessions this server allows are in use, and " + why
                + ". The limit is " + sizing.basis() + " (each crash process holds its dump's kernel symbols in "
                + "memory). Close a session you no longer need with close_crash_session, or try again in a while.");
    }
}
