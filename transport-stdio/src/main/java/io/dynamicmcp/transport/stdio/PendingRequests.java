package io.dynamicmcp.transport.stdio;

import java.time.Duration;

/** Counts requests read but not yet answered, so the transport can wait for them after the input ends. */
final class PendingRequests {

    private int count;

    synchronized void started() {
        count++;
    }

    synchronized void finished() {
        count--;
        if (count <= 0) {
            notifyAll();
        }
    }

    synchronized int count() {
        return count;
    }

    /** Waits until no request is pending or the limit passes; true if none is pending. */
    synchronized boolean awaitNone(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return count <= 0;
        }
    }
}
