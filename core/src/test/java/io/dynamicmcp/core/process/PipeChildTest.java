package io.dynamicmcp.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.ProcessSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children on pipes: input, output, the end of output, limits, exit status, environment and folder. */
class PipeChildTest {

    @TempDir
    Path dir;

    private final HostProcesses processes = new HostProcesses("test");

    @AfterEach
    void close() {
        processes.close();
    }

    private ChildProcess start(String... command) throws IOException {
        return processes.start(ProcessSpec.command(command).directory(dir).build());
    }

    private static String readAll(ChildProcess child) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = child.read(TerminalChildTest.WAIT)) != null) {
            out.writeBytes(chunk);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesInputReadsOutputAndSeesTheEndWhenInputCloses() throws Exception {
        try (ChildProcess child = start("cat")) {
            child.write("hello\nworld\n");
            child.closeInput();
            assertEquals("hello\nworld\n", readAll(child));
            assertTrue(child.waitFor(TerminalChildTest.WAIT));
            assertEquals(0, child.exitStatus().orElseThrow());
        }
    }

    @Test
    void standardErrorSharesTheOutputAndTheExitStatusIsKept() throws Exception {
        try (ChildProcess child = start("sh", "-c", "echo out; echo err >&2; exit 7")) {
            String out = readAll(child);
            assertTrue(out.contains("out\n") && out.contains("err\n"), out);
            assertTrue(child.waitFor(TerminalChildTest.WAIT));
            assertEquals(7, child.exitStatus().orElseThrow());
        }
    }

    @Test
    void theChildGetsExactlyTheGivenEnvironmentAndFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("work"));
        ChildProcess child = processes.start(ProcessSpec.command("sh", "-c", "pwd; env | sort")
                .environment(Map.of("PATH", "/usr/bin:/bin", "ONLY", "this")).directory(folder).build());
        try (child) {
            List<String> lines = readAll(child).lines().toList();
            assertEquals(folder.toRealPath().toString(), lines.get(0));
            assertTrue(lines.contains("ONLY=this"), lines.toString());
            assertFalse(lines.stream().anyMatch(l -> l.startsWith("HOME=") || l.startsWith("JAVA_HOME=")), lines.toString());
        }
    }

    @Test
    void theOutputEndsWhenTheChildExitsEvenIfADescendantHoldsThePipe() throws Exception {
        try (ChildProcess child = start("sh", "-c", "sleep 60 & echo started")) {
            assertEquals("started\n", readAll(child));
        }
    }

    @Test
    void outputPastTheLimitIsDroppedAndSaidSo() throws Exception {
        ChildProcess child = processes.start(ProcessSpec.command("head", "-c", "100000", "/dev/zero")
                .directory(dir).outputLimit(1000).build());
        try (child) {
            assertEquals(1000, readAll(child).length());
            assertTrue(child.outputLimitReached());
            assertEquals(100000, child.outputBytes());
        }
    }

    @Test
    void aMissingProgramIsOneClearError() {
        IOException e = assertThrows(IOException.class, () -> start("no-such-program-here"));
        assertTrue(e.getMessage().contains("no-such-program-here") && e.getMessage().contains("not found"), e.getMessage());
        assertEquals(List.of(), processes.children());
    }

    @Test
    void interruptSendsSigint() throws Exception {
        try (ChildProcess child = start("sleep", "60")) {
            Thread.sleep(200);
            child.interrupt();
            assertTrue(child.waitFor(TerminalChildTest.WAIT));
            assertEquals(130, child.exitStatus().orElseThrow());
        }
    }
}
