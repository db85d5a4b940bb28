package io.dynamicmcp.crash.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ToolException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionSlotsTest {

    private static final Duration LONG = Duration.ofMinutes(10);
    private static final CallCancellation NEVER = CallCancellation.trigger();

    private static SessionSlots slots(int sessions, int maxWaiting) {
        return new SessionSlots(SessionSizing.configured(sessions), maxWaiting);
    }

    @Test
    void aFullServerRefusesAtOnceWhenRequestsDoNotWait() throws Exception {
        SessionSlots slots = slots(1, 4);
        slots.acquire(Duration.ZERO, NEVER, place -> { });
        ToolException refused = assertThrows(ToolException.class, () -> slots.acquire(Duration.ZERO, NEVER, p -> { }));
        assertTrue(refused.getMessage().contains("all 1 crash sessions this server allows are in use, and "
                + "CRASH_SESSION_WAIT is 0"), refused.getMessage());
        slots.release();
        slots.acquire(Duration.ZERO, NEVER, place -> { });
        assertEquals(1, slots.inUse());
    }

    @Test
    void waitersAreServedFirstComeFirstServed() throws Exception {
        SessionSlots slots = slots(1, 4);
        slots.acquire(Duration.ZERO, NEVER, place -> { });
        List<String> served = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> first = waiter(slots, "first", served);
        awaitWaiting(slots, 1);
        CompletableFuture<Void> second = waiter(slots, "second", served);
        awaitWaiting(slots, 2);
        slots.release();
        first.get(60, TimeUnit.SECONDS);
        assertFalse(second.isDone(), "the second waiter got the place the first had taken");
        slots.release();
        second.get(60, TimeUnit.SECONDS);
        assertEquals(List.of("first", "second"), served);
        assertEquals(0, slots.waiting());
    }

    @Test
    void aFullLineRefusesAtOnceAndAnExpiredWaitSaysHowLong() throws Exception {
        SessionSlots slots = slots(1, 1);
        slots.acquire(Duration.ZERO, NEVER, place -> { });
        CompletableFuture<Void> waiting = waiter(slots, "waiting", new CopyOnWriteArrayList<>());
        awaitWaiting(slots, 1);
        ToolException refused = assertThrows(ToolException.class, () -> slots.acquire(LONG, NEVER, p -> { }));
        assertTrue(refused.getMessage().contains("1 requests are already waiting for one (CRASH_SESSION_QUEUE)"),
                refused.getMessage());
        slots.release();
        waiting.get(60, TimeUnit.SECONDS);
        ToolException expired = assertThrows(ToolException.class,
                () -> slots.acquire(Duration.ofSeconds(1), NEVER, place -> { }));
        assertTrue(expired.getMessage().contains("none came free within 1 s (CRASH_SESSION_WAIT)"), expired.getMessage());
    }

    @Test
    void aCancelledWaitLeavesTheLine() throws Exception {
        SessionSlots slots = slots(1, 4);
        slots.acquire(Duration.ZERO, NEVER, place -> { });
        CallCancellation.Trigger cancel = CallCancellation.trigger();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                slots.acquire(LONG, cancel, place -> { });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiting(slots, 1);
        cancel.cancel(CallCancellation.Reason.CLIENT_CANCELLED);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(60, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("cancelled"), failed.getCause().getMessage());
        assertEquals(0, slots.waiting());
        assertEquals(1, slots.inUse());
    }

    @Test
    void backgroundWorkLeavesAPlaceForClientsAndNeverJumpsTheLine() throws Exception {
        SessionSlots two = slots(2, 4);
        assertTrue(two.tryAcquireBackground());
        assertFalse(two.tryAcquireBackground(), "background work took the last place");
        two.acquire(Duration.ZERO, NEVER, place -> { });
        two.release();
        two.release();
        SessionSlots one = slots(1, 4);
        assertTrue(one.tryAcquireBackground(), "a server of one place never runs background work");
        CompletableFuture<Void> client = waiter(one, "client", new CopyOnWriteArrayList<>());
        awaitWaiting(one, 1);
        one.release();
        client.get(60, TimeUnit.SECONDS);
        one.release();
        one.acquire(Duration.ZERO, NEVER, place -> { });
        CompletableFuture<Void> queued = waiter(one, "queued", new CopyOnWriteArrayList<>());
        awaitWaiting(one, 1);
        assertFalse(one.tryAcquireBackground(), "background work jumped the line");
        one.release();
        queued.get(60, TimeUnit.SECONDS);
    }

    @Test
    void closingRefusesWaiters() throws Exception {
        SessionSlots slots = slots(1, 4);
        slots.acquire(Duration.ZERO, NEVER, place -> { });
        CompletableFuture<Void> waiting = waiter(slots, "waiting", new CopyOnWriteArrayList<>());
        awaitWaiting(slots, 1);
        slots.close();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(60, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("shutting down"), failed.getCause().getMessage());
        assertFalse(slots.tryAcquireBackground());
    }

    private static CompletableFuture<Void> waiter(SessionSlots slots, String name, List<String> served) {
        return CompletableFuture.runAsync(() -> {
            try {
                slots.acquire(LONG, NEVER, place -> { });
                served.add(name);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void awaitWaiting(SessionSlots slots, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (slots.waiting() < count) {
            assertTrue(System.nanoTime() < deadline, "nobody came to wait");
            Thread.sleep(10);
        }
    }
}
