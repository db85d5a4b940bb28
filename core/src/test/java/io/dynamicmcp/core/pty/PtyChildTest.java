package io.dynamicmcp.core.pty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtyChildTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    /** Children started through {@code setsid} where it is installed, as the server starts them. */
    PtyLauncher launcher() {
        return new PtyLauncher(4);
    }

    private PtyChild start() throws Exception {
        return launcher().start(PtyCommand.of(FakeTerminalProgram.commandLine(),
                PtyCommand.minimalEnvironment("dumb", home), home));
    }

    /** Reads until the output so far ends with {@code suffix}; returns all of it. */
    private static String readUntil(PtyChild child, String suffix) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!out.toString().endsWith(suffix)) {
            byte[] chunk = child.read(Duration.ofMillis(200));
            if (chunk == null) {
                break;
            }
            out.append(new String(chunk, StandardCharsets.UTF_8));
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + suffix + "' after " + WAIT + "; got: " + out);
            }
        }
        return out.toString();
    }

    @Test
    void runsAProgramInATerminalWithTheGivenEnvironment() throws Exception {
        try (PtyChild child = start()) {
            readUntil(child, "ready> ");
            child.write("echo hello\n");
            String out = readUntil(child, "ready> ");
            // the terminal echoes the typed line and ends lines with CRLF
            assertTrue(out.contains("echo hello\r\n"), out);
            assertTrue(out.contains("hello\r\nready> "), out);
            assertTrue(child.isAlive());
        }
    }

    @Test
    void deliversLargeOutputCompletelyAndInOrderThroughTheBoundedQueue() throws Exception {
        try (PtyChild child = start()) {
            readUntil(child, "ready> ");
            child.write("flood 50000\n");
            Thread.sleep(500); // let the small queue fill: the program must block, not lose output
            String out = readUntil(child, "ready> ");
            assertTrue(out.contains("line 0\r\n"), "first line missing");
            assertTrue(out.contains("line 49999\r\n"), "last line missing");
            int previous = -1;
            Matcher lines = Pattern.compile("line (\\d+)\r\n").matcher(out);
            int count = 0;
            while (lines.find()) {
                int n = Integer.parseInt(lines.group(1));
                assertEquals(previous + 1, n, "lines out of order or lost");
                previous = n;
                count++;
            }
            assertEquals(50000, count);
        }
    }

    @Test
    void interruptSendsSigintToTheForegroundProgram() throws Exception {
        try (PtyChild child = start()) {
            readUntil(child, "ready> ");
            child.write("hang\n");
            readUntil(child, "hang\r\n");
            child.interrupt();
            assertTrue(child.waitFor(WAIT), "Ctrl-C did not stop the program");
            assertEquals(130, child.exitCode().orElseThrow(), "expected death by SIGINT");
        }
    }

    @Test
    void reportsTheEndOfOutputAfterTheChildExits() throws Exception {
        try (PtyChild child = start()) {
            readUntil(child, "ready> ");
            child.write("exit 3\n");
            assertTrue(child.waitFor(WAIT));
            while (child.read(Duration.ofMillis(200)) != null) {
                // drain
            }
            assertNull(child.read(Duration.ofMillis(10)));
            assertEquals(3, child.exitCode().orElseThrow());
        }
    }

    @Test
    void closeKillsTheChildAndEverythingItStartedAndIsIdempotent() throws Exception {
        PtyChild child = start();
        readUntil(child, "ready> ");
        child.write("spawn\n");
        String out = readUntil(child, "ready> ");
        Matcher pid = Pattern.compile("child (\\d+)").matcher(out);
        assertTrue(pid.find(), out);
        ProcessHandle grandchild = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
        ProcessHandle process = ProcessHandle.of(child.pid()).orElseThrow();
        child.close();
        child.close();
        assertTrue(process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS) != null);
        assertTrue(grandchild.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS) != null);
        assertFalse(process.isAlive());
        assertFalse(grandchild.isAlive());
    }

    @Test
    void nativeLibraryLivesInOneStableFolder() throws Exception {
        try (PtyChild child = start()) {
            String folder = System.getProperty(PtyNativeLibrary.PREFERRED_FOLDER);
            assertTrue(folder != null && Path.of(folder).resolve("linux").toFile().isDirectory(), String.valueOf(folder));
        }
    }
}
