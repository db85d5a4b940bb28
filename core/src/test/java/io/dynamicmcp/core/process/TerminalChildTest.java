package io.dynamicmcp.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.ProcessSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children on a terminal, started the way the server starts them. */
class TerminalChildTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private HostProcesses processes;

    /** posix_spawn with everything glibc 2.34 offers, as the server starts children here. */
    CleanSpawn spawn() {
        return new CleanSpawn(Libc.instance().orElseThrow());
    }

    @BeforeEach
    void openService() {
        processes = new HostProcesses("test", new ChildLauncher(java.util.Optional.of(spawn()), 4));
    }

    @AfterEach
    void closeService() {
        processes.close();
        assertEquals(List.of(), processes.children(), "children left after close");
    }

    private ChildProcess start() throws Exception {
        return processes.start(ProcessSpec.command(FakeTerminalProgram.commandLine()).directory(home).terminal().build());
    }

    /** Reads until the output so far ends with {@code suffix}; returns all of it. */
    static String readUntil(ChildProcess child, String suffix) throws InterruptedException {
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
        try (ChildProcess child = start()) {
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
        try (ChildProcess child = start()) {
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
        try (ChildProcess child = start()) {
            readUntil(child, "ready> ");
            child.write("hang\n");
            readUntil(child, "hang\r\n");
            child.interrupt();
            assertTrue(child.waitFor(WAIT), "Ctrl-C did not stop the program");
            assertEquals(130, child.exitStatus().orElseThrow(), "expected death by SIGINT");
        }
    }

    @Test
    void reportsTheEndOfOutputAfterTheChildExits() throws Exception {
        try (ChildProcess child = start()) {
            readUntil(child, "ready> ");
            child.write("exit 3\n");
            assertTrue(child.waitFor(WAIT));
            while (child.read(Duration.ofMillis(200)) != null) {
                // drain
            }
            assertNull(child.read(Duration.ofMillis(10)));
            assertEquals(3, child.exitStatus().orElseThrow());
        }
    }

    @Test
    void closeKillsTheChildAndEverythingItStartedAndIsIdempotent() throws Exception {
        ChildProcess child = start();
        assertEquals(List.of(child), processes.children());
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
        assertEquals(List.of(), processes.children(), "a closed child is no longer listed");
    }

    @Test
    void closingTheServiceKillsEveryChildAndStartsNoMore() throws Exception {
        ChildProcess first = start();
        ChildProcess second = start();
        readUntil(first, "ready> ");
        processes.close();
        assertTrue(first.waitFor(WAIT) && second.waitFor(WAIT), "children outlived the service");
        assertEquals(List.of(), processes.children());
        java.io.IOException refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                this::start);
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
    }

    @Test
    void nativeLibraryLivesInOneStableFolder() throws Exception {
        try (ChildProcess child = start()) {
            String folder = System.getProperty(PtyNativeLibrary.PREFERRED_FOLDER);
            assertTrue(folder != null && Path.of(folder).resolve("linux").toFile().isDirectory(), String.valueOf(folder));
        }
    }
}
