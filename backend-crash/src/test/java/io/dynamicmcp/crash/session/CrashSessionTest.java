package io.dynamicmcp.crash.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.core.process.HostProcesses;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@link FakeCrash} through the real pty code: exact reply boundaries, timeouts, cancellation, deaths. */
class CrashSessionTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path state;

    private CrashSession session;
    private final HostProcesses processes = new HostProcesses("test");

    @BeforeEach
    void start() throws Exception {
        session = starter(Duration.ofSeconds(2)).start("s1", "me", target("vmcore"), LONG, CallCancellation.trigger(), s -> { });
    }

    @AfterEach
    void close() {
        session.close();
        assertFalse(ProcessHandle.of(session.pid()).map(ProcessHandle::isAlive).orElse(false), "crash outlived close()");
        assertEquals(List.of(), processes.children(), "a child outlived its session");
        processes.close();
    }

    @Test
    void loadsAndReadsThePanicString() {
        assertEquals("Kernel panic - not syncing: fake", session.info().panic().orElseThrow());
        assertTrue(Files.isDirectory(state.resolve("sessions/s1/home")), "no private HOME");
    }

    @Test
    void emptyOutputIsEmpty() throws Exception {
        List<String> lines = new ArrayList<>();
        Reply reply = session.execute("empty", lines::add, LONG, CallCancellation.trigger(), LONG);
        assertEquals(Reply.Ending.COMPLETED, reply.ending());
        assertEquals(List.of(), lines);
        assertEquals(List.of("fake: next"), run("next"));
    }

    @Test
    void textThatLooksLikeThePromptDoesNotEndTheReply() throws Exception {
        assertEquals(List.of("crash> bt", "  crash> indented", "text crash> inline", "           prompt: \"crash> \"",
                "after"), run("promptlike"));
        assertEquals(List.of("fake: next"), run("next"));
    }

    @Test
    void slowOutputArrivesWhole() throws Exception {
        assertEquals(List.of("slow 1", "slow 2", "slow 3"), run("slow"));
    }

    @Test
    void hugeOutputStreamsLineByLine() throws Exception {
        AtomicLong count = new AtomicLong();
        List<String> last = new ArrayList<>(1);
        Reply reply = session.execute("huge 200000", line -> {
            count.incrementAndGet();
            last.clear();
            last.add(line);
        }, LONG, CallCancellation.trigger(), LONG);
        assertEquals(Reply.Ending.COMPLETED, reply.ending());
        assertEquals(200_000, count.get());
        assertEquals(200_000, reply.lines());
        assertTrue(last.get(0).startsWith("00199999 x"), last.get(0));
        assertEquals(List.of("fake: next"), run("next"));
    }

    @Test
    void timeoutInterruptsAndTheSessionStaysUsable() throws Exception {
        List<String> lines = new ArrayList<>();
        Reply reply = session.execute("hang", lines::add, Duration.ofSeconds(1), CallCancellation.trigger(), LONG);
        assertEquals(Reply.Ending.TIMED_OUT, reply.ending());
        assertTrue(reply.partial());
        assertEquals("started hang", lines.get(0));
        assertTrue(lines.get(1).startsWith("working..."), lines.toString());
        assertEquals(List.of("fake: next"), run("next"));
    }

    @Test
    void cancellationInterruptsTheSameWay() throws Exception {
        CallCancellation.Trigger cancellation = CallCancellation.trigger();
        Reply reply = session.execute("hang", line -> {
            if (line.equals("started hang")) {
                cancellation.cancel(CallCancellation.Reason.CLIENT_CANCELLED);
            }
        }, LONG, cancellation, LONG);
        assertEquals(Reply.Ending.CANCELLED, reply.ending());
        assertEquals(List.of("fake: next"), run("next"));
    }

    @Test
    void aSlowInterruptAnswersWithinTheGraceAndKeepsTheSessionBusyUntilCrashIsBack() throws Exception {
        List<String> lines = new ArrayList<>();
        Reply reply = session.execute("hang-slow 4000", lines::add, Duration.ofSeconds(1), CallCancellation.trigger(),
                LONG);
        assertEquals(Reply.Ending.TIMED_OUT, reply.ending());
        assertTrue(reply.partial());
        assertTrue(reply.stillStopping(), "answered before crash was back at its prompt");
        assertEquals(List.of("started slow hang"), lines);
        assertTrue(session.busy() && session.stopping());
        ToolException busy = assertThrows(ToolException.class,
                () -> session.execute("next", l -> { }, LONG, CallCancellation.trigger(), Duration.ofMillis(10)));
        assertTrue(busy.getMessage().contains("still returning to its prompt"), busy.getMessage());
        assertTrue(reply.settled().toCompletableFuture().get(1, TimeUnit.MINUTES), "crash came back in step");
        assertFalse(session.stopping());
        assertEquals(List.of("fake: next"), run("next"), "what crash printed on its way back did not leak");
    }

    @Test
    void crashThatIgnoresCtrlCIsKilledAtTheHangLimitAndTheSessionEnds() throws Exception {
        session.close();
        session = starter(Duration.ofMillis(500), Duration.ofSeconds(3)).start("s3", "me", target("vmcore"), LONG,
                CallCancellation.trigger(), s -> { });
        Reply reply = session.execute("hang-hard", l -> { }, Duration.ofSeconds(1), CallCancellation.trigger(), LONG);
        assertEquals(Reply.Ending.TIMED_OUT, reply.ending());
        assertTrue(reply.stillStopping());
        assertFalse(reply.settled().toCompletableFuture().get(1, TimeUnit.MINUTES), "crash was not back in step");
        assertFalse(ProcessHandle.of(session.pid()).map(ProcessHandle::isAlive).orElse(false));
        ToolException e = assertThrows(SessionEndedException.class, () -> run("next"));
        assertTrue(e.getMessage().contains("did not return to its prompt"), e.getMessage());
    }

    @Test
    void deathMidCommandEndsTheSessionWithTheReason() throws Exception {
        List<String> lines = new ArrayList<>();
        Reply reply = session.execute("die", lines::add, LONG, CallCancellation.trigger(), LONG);
        assertEquals(Reply.Ending.SESSION_ENDED, reply.ending());
        assertEquals(List.of("dying"), lines);
        assertTrue(reply.endReason().orElseThrow().contains("exit status 3"), reply.endReason().get());
        assertThrows(SessionEndedException.class, () -> run("next"));
    }

    @Test
    void aSecondCallerFindsTheSessionBusy() throws Exception {
        CallCancellation.Trigger cancellation = CallCancellation.trigger();
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> {
            try {
                return session.execute("hang", line -> running.countDown(), LONG, cancellation, LONG);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        running.await();
        ToolException busy = assertThrows(ToolException.class,
                () -> session.execute("next", l -> { }, LONG, CallCancellation.trigger(), Duration.ofMillis(10)));
        assertTrue(busy.getMessage().startsWith("session busy: 'hang' has been running for"), busy.getMessage());
        cancellation.cancel(CallCancellation.Reason.CLIENT_CANCELLED);
        Reply firstReply = first.get();
        assertEquals(Reply.Ending.CANCELLED, firstReply.ending(), firstReply.toString());
        assertEquals(List.of("fake: next"), run("next"));
    }

    @Test
    void aDumpCrashCannotReadGivesCrashsOwnMessage() {
        ToolException e = assertThrows(ToolException.class, () -> starter(Duration.ofSeconds(2))
                .start("s2", "me", target("bad.vmcore"), LONG, CallCancellation.trigger(), s -> { }));
        assertTrue(e.getMessage().contains("not a supported file format"), e.getMessage());
        assertFalse(Files.exists(state.resolve("sessions/s2")), "the failed session's folder was left behind");
    }

    private List<String> run(String command) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        Reply reply = session.execute(command, lines::add, LONG, CallCancellation.trigger(), LONG);
        assertEquals(Reply.Ending.COMPLETED, reply.ending(), "reply to " + command + ": " + lines);
        return lines;
    }

    private SessionStarter starter(Duration grace) {
        return starter(grace, Duration.ofSeconds(30));
    }

    private SessionStarter starter(Duration grace, Duration hangLimit) {
        return new SessionStarter(processes, FakeCrashes.executable(), state.resolve("sessions"), grace, hangLimit,
                List.of());
    }

    private SessionStarter.Target target(String dump) {
        return new SessionStarter.Target(dump, state.resolve(dump), state.resolve("vmlinux"), "6.1.0-fake", "8.0.2");
    }
}
