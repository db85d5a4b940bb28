package io.dynamicmcp.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResourceChangesTest {

    @Test
    void listenersRunOnTheChangesThreadAndAFailingOneDoesNotStopTheOthers() throws Exception {
        try (ResourceChanges changes = new ResourceChanges()) {
            CountDownLatch ran = new CountDownLatch(1);
            String[] thread = new String[1];
            changes.listen(() -> {
                throw new IllegalStateException("broken listener");
            });
            changes.listen(() -> {
                thread[0] = Thread.currentThread().getName();
                ran.countDown();
            });
            changes.signal();
            assertTrue(ran.await(60, TimeUnit.SECONDS), "the listener never ran");
            assertEquals("resource-changes", thread[0]);
        }
    }

    @Test
    void signalsWhileTheListenersRunAreHandledByOneMoreRun() throws Exception {
        try (ResourceChanges changes = new ResourceChanges()) {
            Semaphore started = new Semaphore(0);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger runs = new AtomicInteger();
            changes.listen(() -> {
                runs.incrementAndGet();
                started.release();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            changes.signal();
            assertTrue(started.tryAcquire(60, TimeUnit.SECONDS), "the first run never started");
            for (int i = 0; i < 50; i++) {
                changes.signal();
            }
            release.countDown();
            assertTrue(started.tryAcquire(60, TimeUnit.SECONDS), "the signals during the first run were lost");
            changes.close();
            assertEquals(2, runs.get(), "fifty signals during one run make exactly one more run");
        }
    }

    @Test
    void afterCloseSignalsAreDropped() throws Exception {
        ResourceChanges changes = new ResourceChanges();
        Semaphore runs = new Semaphore(0);
        changes.listen(runs::release);
        changes.signal();
        assertTrue(runs.tryAcquire(60, TimeUnit.SECONDS), "a signal before close never ran the listener");
        changes.close();
        changes.close();
        changes.signal();
        assertFalse(runs.tryAcquire(2, TimeUnit.SECONDS), "a signal after close ran the listener");
    }
}
