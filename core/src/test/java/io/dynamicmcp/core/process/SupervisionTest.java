package io.dynamicmcp.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.OutputWatcher;
import io.dynamicmcp.spi.ProcessSpec;
import io.dynamicmcp.spi.Supervised;
import io.dynamicmcp.spi.Supervised.Ending;
import io.dynamicmcp.spi.Supervised.Stop;
import io.dynamicmcp.spi.Supervision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one supervision loop, driven against a real interactive program on a terminal. */
class SupervisionTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path home;

    private final HostProcesses processes = new HostProcesses("test");

    @AfterEach
    void close() {
        processes.close();
    }

    /** Collects the output and is done when it ends with the prompt. */
    private static final class PromptWatcher implements OutputWatcher {
        final StringBuffer text = new StringBuffer();

        @Override
        public Verdict output(byte[] chunk) {
            text.append(new String(chunk, StandardCharsets.UTF_8));
            return text.toString().endsWith("ready> ") ? Verdict.DONE : Verdict.MORE;
        }
    }

    private ChildProcess startAtPrompt(String... args) throws Exception {
        ChildProcess child = processes.start(ProcessSpec.command(FakeTerminalProgram.commandLine(args)).directory(home)
                .terminal().build());
        assertEquals(Ending.DONE, child.supervise(Supervision.deadline(LONG), new PromptWatcher()).ending());
        return child;
    }

    @Test
    void theWatcherSaysWhenTheAnswerIsComplete() throws Exception {
        ChildProcess child = startAtPrompt();
        child.write("echo hi\n");
        PromptWatcher watcher = new PromptWatcher();
        Supervised outcome = child.supervise(Supervision.deadline(LONG), watcher);
        assertEquals(Stop.NONE, outcome.stop());
        assertEquals(Ending.DONE, outcome.ending());
        assertTrue(outcome.complete());
        assertTrue(watcher.text.toString().contains("hi\r\nready> "), watcher.text.toString());
        assertTrue(outcome.settled().toCompletableFuture().isDone());
    }

    @Test
    void atTheDeadlineTheChildIsInterruptedAndItsPromptComesBack() throws Exception {
        ChildProcess child = startAtPrompt("--interrupt-takes", "50");
        child.write("hang\n");
        PromptWatcher watcher = new PromptWatcher();
        Supervised outcome = child.supervise(Supervision.deadline(Duration.ofMillis(500)), watcher);
        assertEquals(Stop.DEADLINE, outcome.stop());
        assertEquals(Ending.DONE, outcome.ending());
        assertTrue(outcome.stopTook().isPresent(), "how long the interrupt took is reported");
        assertTrue(watcher.text.toString().contains("interrupted"), watcher.text.toString());
        assertTrue(child.isAlive());
    }

    @Test
    void aChildThatEndsOnTheInterruptHasExited() throws Exception {
        ChildProcess child = startAtPrompt();
        child.write("hang\n");
        Supervised outcome = child.supervise(Supervision.deadline(Duration.ofMillis(500)), new PromptWatcher());
        assertEquals(Stop.DEADLINE, outcome.stop());
        assertEquals(Ending.EXITED, outcome.ending());
        assertTrue(child.waitFor(LONG));
        assertEquals(130, child.exitStatus().orElseThrow());
    }

    @Test
    void aChildThatDoesNotComeBackWithinTheGraceIsKilled() throws Exception {
        ChildProcess child = startAtPrompt("--interrupt-takes", "600000");
        child.write("hang\n");
        Supervised outcome = child.supervise(Supervision.deadline(Duration.ofMillis(300)).grace(Duration.ofMillis(500)),
                new PromptWatcher());
        assertEquals(Stop.DEADLINE, outcome.stop());
        assertEquals(Ending.KILLED, outcome.ending());
        assertTrue(child.waitFor(LONG));
        assertFalse(child.isAlive());
    }

    @Test
    void aSlowChildIsAnsweredForAndKeptWhileItStopsInTheBackground() throws Exception {
        ChildProcess child = startAtPrompt("--interrupt-takes", "3000");
        child.write("hang\n");
        PromptWatcher watcher = new PromptWatcher();
        Supervised answer = child.supervise(Supervision.deadline(Duration.ofMillis(300)).grace(Duration.ofMillis(300))
                .keepStoppingInBackground(LONG), watcher);
        assertEquals(Stop.DEADLINE, answer.stop());
        assertEquals(Ending.STOPPING, answer.ending(), "answered before the child came back");
        assertFalse(watcher.text.toString().contains("interrupted"), watcher.text.toString());
        assertThrows(IllegalStateException.class, () -> child.supervise(Supervision.deadline(LONG), new PromptWatcher()),
                "a child still stopping cannot be supervised again");
        Supervised settled = answer.settled().toCompletableFuture().get(2, TimeUnit.MINUTES);
        assertEquals(Ending.DONE, settled.ending());
        assertTrue(settled.stopTook().isPresent());
        assertTrue(watcher.text.toString().contains("interrupted"), "the background kept reading: " + watcher.text);
        assertTrue(child.isAlive(), "a slow interrupt does not cost the child");
        child.write("echo again\n");
        assertEquals(Ending.DONE, child.supervise(Supervision.deadline(LONG), new PromptWatcher()).ending());
    }

    @Test
    void aChildThatNeverComesBackIsKilledAtTheHangLimit() throws Exception {
        ChildProcess child = startAtPrompt("--interrupt-takes", "600000");
        child.write("hang\n");
        Supervised answer = child.supervise(Supervision.deadline(Duration.ofMillis(300)).grace(Duration.ofMillis(300))
                .keepStoppingInBackground(Duration.ofSeconds(2)), new PromptWatcher());
        assertEquals(Ending.STOPPING, answer.ending());
        assertEquals(Ending.KILLED, answer.settled().toCompletableFuture().get(2, TimeUnit.MINUTES).ending());
        assertTrue(child.waitFor(LONG));
    }

    @Test
    void killAtDeadlineSkipsTheInterrupt() throws Exception {
        ChildProcess child = startAtPrompt("--interrupt-takes", "50");
        child.write("hang\n");
        Supervised outcome = child.supervise(Supervision.deadline(Duration.ofMillis(300)).killAtDeadline(),
                new PromptWatcher());
        assertEquals(Ending.KILLED, outcome.ending());
        assertTrue(child.waitFor(LONG));
    }

    @Test
    void cancellationStopsLikeTheDeadlineAndSaysSo() throws Exception {
        ChildProcess child = startAtPrompt("--interrupt-takes", "50");
        child.write("hang\n");
        CallCancellation.Trigger cancel = CallCancellation.trigger();
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(
                () -> cancel.cancel(CallCancellation.Reason.CLIENT_CANCELLED));
        Supervised outcome = child.supervise(Supervision.deadline(LONG).stopOn(cancel), new PromptWatcher());
        assertEquals(Stop.CANCELLED, outcome.stop());
        assertEquals(Ending.DONE, outcome.ending());
    }

    @Test
    void theOutputLimitStopsTheChild() throws Exception {
        ChildProcess child = processes.start(ProcessSpec.command("sh", "-c", "while :; do echo flooding; done")
                .directory(home).outputLimit(100_000).build());
        Supervised outcome = child.supervise(Supervision.deadline(LONG), OutputWatcher.untilExit());
        assertEquals(Stop.OUTPUT_LIMIT, outcome.stop());
        assertTrue(child.outputLimitReached());
        assertTrue(child.waitFor(LONG));
    }

    @Test
    void ticksReportTheTimeElapsed() throws Exception {
        ChildProcess child = startAtPrompt();
        child.write("hang\n");
        AtomicInteger ticks = new AtomicInteger();
        child.supervise(Supervision.deadline(Duration.ofMillis(700)).onTick(Duration.ofMillis(100),
                elapsed -> ticks.incrementAndGet()), new PromptWatcher());
        assertTrue(ticks.get() > 0, "no tick");
    }
    /** A program that shrugs off its first SIGINT and exits at the second, as bpftrace 0.17 sometimes does. */
    private ChildProcess missesTheFirstInterrupt() throws Exception {
        Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/perl")),
                "SKIPPED: needs /usr/bin/perl (Debian: perl-base)");
        ChildProcess child = processes.start(ProcessSpec.command(java.util.List.of("/usr/bin/perl", "-e",
                "$| = 1; my $n = 0; $SIG{INT} = sub { $n++; print \"interrupt $n\\n\"; exit 0 if $n >= 2; };"
                        + " print \"ready\\n\"; sleep 1 while 1;")).directory(home).build());
        StringBuilder ready = new StringBuilder();
        assertEquals(Ending.DONE, child.supervise(Supervision.deadline(LONG), chunk -> {
            ready.append(new String(chunk, StandardCharsets.UTF_8));
            return ready.toString().contains("ready\n") ? OutputWatcher.Verdict.DONE : OutputWatcher.Verdict.MORE;
        }).ending());
        return child;
    }

    @Test
    void aChildThatMissesTheInterruptIsInterruptedAgainWhenThePolicySays() throws Exception {
        ChildProcess child = missesTheFirstInterrupt();
        StringBuilder output = new StringBuilder();
        Supervised outcome = child.supervise(Supervision.deadline(Duration.ofMillis(200)).grace(LONG)
                .interruptAgainEvery(Duration.ofMillis(300)), chunk -> {
                    output.append(new String(chunk, StandardCharsets.UTF_8));
                    return OutputWatcher.Verdict.MORE;
                });
        assertEquals(Stop.DEADLINE, outcome.stop());
        assertEquals(Ending.EXITED, outcome.ending(), output.toString());
        assertTrue(output.toString().contains("interrupt 2"), output.toString());
    }

    @Test
    void withoutRepeatingTheInterruptSuchAChildIsKilledAfterTheGracePeriod() throws Exception {
        ChildProcess child = missesTheFirstInterrupt();
        Supervised outcome = child.supervise(Supervision.deadline(Duration.ofMillis(200)).grace(Duration.ofSeconds(1)),
                chunk -> OutputWatcher.Verdict.MORE);
        assertEquals(Stop.DEADLINE, outcome.stop());
        assertEquals(Ending.KILLED, outcome.ending());
    }
}
