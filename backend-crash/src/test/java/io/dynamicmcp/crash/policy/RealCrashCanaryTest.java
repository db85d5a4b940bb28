package io.dynamicmcp.crash.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynamicmcp.core.process.HostProcesses;
import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.ProcessSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command the policy allows out of thousands of hostile variants through the real crash on the
 * test dump, and checks that nothing escaped: no canary file, no child process of crash, and crash answered
 * each command with its prompt. A positive control at the end proves the canary would have caught an escape.
 */
class RealCrashCanaryTest {

    static final int VARIANTS = Integer.getInteger("policy.canary.variants", 6000);
    static final int MAX_SENT = Integer.getInteger("policy.canary.max", 600);
    static final String PROMPT = "crash> ";

    @TempDir
    Path work;

    @Test
    void allowedFuzzVariantsNeverEscapeTheRealCrash() throws Exception {
        Path cache = Path.of(System.getenv().getOrDefault("DYNAMIC_MCP_TEST_CACHE",
                System.getProperty("user.home") + "/.cache/dynamic-mcp-test"));
        assumeTrue(Files.isRegularFile(cache.resolve("READY")),
                "SKIPPED: no test dump at " + cache + " (run scripts/make-test-dump)");
        Path crash = io.dynamicmcp.crash.TestDump.crashBinary().orElse(Path.of("/usr/bin/crash"));
        assumeTrue(Files.isExecutable(crash), "SKIPPED: crash is not installed (apt-get install crash, or CRASH_BINARY)");
        String release = Files.readString(cache.resolve("RELEASE")).strip();
        Path vmlinux = cache.resolve("debug/usr/lib/debug/boot/vmlinux-" + release);
        Path vmcore;
        try (Stream<Path> files = Files.walk(cache.resolve("crash"))) {
            vmcore = files.filter(p -> p.getFileName().toString().equals("vmcore")).findFirst().orElse(null);
        }
        assumeTrue(vmcore != null && Files.isRegularFile(vmlinux),
                "SKIPPED: the test dump under " + cache + " lacks vmcore or " + vmlinux);

        Path home = Files.createDirectories(work.resolve("home"));
        Path cwd = Files.createDirectories(work.resolve("cwd"));
        Path canary = work.resolve("canary");
        long seed = PolicyFuzzTest.seed();
        CommandPolicy policy = CommandPolicy.defaults();
        HostileCommands hostile = new HostileCommands(seed, canary.toString());
        Set<String> toSend = new LinkedHashSet<>();
        int allowed = 0;
        for (int i = 0; i < VARIANTS; i++) {
            Verdict verdict = policy.check(hostile.next());
            if (verdict.allowed()) {
                allowed++;
                if (toSend.size() < MAX_SENT && !verdict.crashCommand().startsWith("search")) {
                    toSend.add(verdict.crashCommand());
                }
            }
        }

        ProcessSpec command = ProcessSpec.command(crash.toString(), "-s", "--no_scroll", "--no_crashrc",
                vmlinux.toString(), vmcore.toString()).environment(ProcessSpec.minimalEnvironment(home)).directory(cwd)
                .terminal().build();
        long start = System.nanoTime();
        int answered = 0;
        int interrupted = 0;
        int notFound = 0;
        List<String> children = new ArrayList<>();
        try (HostProcesses processes = new HostProcesses("test"); ChildProcess child = processes.start(command)) {
            assertTrue(awaitPrompt(child, Duration.ofMinutes(3)) != null, "crash did not reach its prompt");
            int sent = 0;
            for (String line : toSend) {
                child.write(line + "\n");
                String output = awaitPrompt(child, Duration.ofSeconds(30));
                if (output == null) {
                    child.interrupt();
                    output = awaitPrompt(child, Duration.ofSeconds(30));
                    interrupted++;
                }
                assertTrue(output != null, "crash stopped answering after: " + line);
                answered++;
                if (output.contains("command not found")) {
                    notFound++;
                }
                if (++sent % 20 == 0 || sent == toSend.size()) {
                    ProcessHandle.of(child.pid()).ifPresent(handle -> handle.descendants()
                            .forEach(d -> children.add(d.info().commandLine().orElse("pid " + d.pid()))));
                    assertFalse(Files.exists(canary), "ESCAPE: the canary appeared after: " + line);
                }
            }
            assertEquals(List.of(), children, "crash started child processes");
            assertFalse(Files.exists(canary), "ESCAPE: the canary appeared");
            try (Stream<Path> left = Files.list(cwd)) {
                assertEquals(List.of(), left.toList(), "crash wrote files into its working directory");
            }

            child.write("sys\n");
            String sys = awaitPrompt(child, Duration.ofSeconds(30));
            assertTrue(sys != null && sys.contains("sysrq triggered crash"), "crash no longer works: " + sys);

            Path control = work.resolve("control");
            child.write("!touch " + control + "\n");
            awaitPrompt(child, Duration.ofSeconds(30));
            assertTrue(Files.exists(control), "positive control failed: '!touch' sent straight to crash did not create"
                    + " the file, so this test could not have seen an escape");
            child.terminate();
            child.waitFor(Duration.ofSeconds(5));
        }
        System.out.printf("RealCrashCanaryTest: seed %d, %d variants, %d allowed, %d distinct sent to the real crash,"
                + " %d answered with a prompt (%d after Ctrl-C), %d 'command not found', 0 escapes, %.1f s%n", seed,
                VARIANTS, allowed, toSend.size(), answered, interrupted, notFound, (System.nanoTime() - start) / 1e9);
        assertEquals(toSend.size(), answered);
        assertEquals(0, notFound, "allowed commands should all be crash commands");
        assertTrue(toSend.size() >= 100, "too few allowed variants to mean anything: " + toSend.size());
    }

    /** Reads until crash prints its prompt; returns the text before it, or null on timeout or end. */
    private static String awaitPrompt(ChildProcess child, Duration timeout) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            byte[] chunk = child.read(Duration.ofMillis(200));
            if (chunk == null) {
                return null;
            }
            text.append(new String(chunk, StandardCharsets.ISO_8859_1));
            if (text.length() >= PROMPT.length() && text.substring(text.length() - PROMPT.length()).equals(PROMPT)) {
                return text.substring(0, text.length() - PROMPT.length());
            }
        }
        return null;
    }
}
