package io.dynamicmcp.crash;

import static io.dynamicmcp.crash.RealDumpTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.testkit.TestContext;
import io.dynamicmcp.testkit.TestToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bad dumps and dump names against the real crash: one clear error each, and nothing left running. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadDumpTest {

    private Path work;
    private String release;
    private ToolSet tools;
    private ToolSet withoutSymbols;

    @BeforeAll
    void prepare() throws Exception {
        Optional<Path> cache = TestDump.root();
        Assumptions.assumeTrue(cache.isPresent(), TestDump.MISSING);
        release = TestDump.release(cache.get());
        work = Files.createTempDirectory("crash-bad-dump-test");
        Path dumps = Files.createDirectories(work.resolve("dumps"));
        Path vmcore = cache.get().resolve("crash/127.0.0.1-2026-11-22-04:10:01/vmcore");
        try (InputStream in = Files.newInputStream(vmcore)) {
            Files.write(Files.createDirectories(dumps.resolve("trunc")).resolve("vmcore"), in.readNBytes(1 << 20));
        }
        Files.writeString(Files.createDirectories(dumps.resolve("text")).resolve("vmcore"), "not a dump\n");
        Files.createSymbolicLink(dumps.resolve("vmcore.link"), Path.of("/etc/passwd"));
        Map<String, String> settings = new HashMap<>(Map.of(
                CrashSettings.BINARY, TestDump.crashBinary().orElseThrow().toString(),
                CrashSettings.DUMP_PATH, dumps.toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, cache.get().resolve("debug/usr/lib/debug").toString(),
                CrashSettings.KERNEL_PATH, work.resolve("boot").toString(),
                CrashSettings.DUMP_SETTLE, "0"));
        tools = new CrashToolProvider().open(new TestContext(settings, work.resolve("state")));
        settings.put(CrashSettings.DUMP_PATH, cache.get().resolve("crash").toString());
        settings.put(CrashSettings.DEBUG_SYMBOL_PATH, work.resolve("empty").toString());
        settings.put(CrashSettings.DEBUG_SYMBOL_DEFAULTS, "false");
        withoutSymbols = new CrashToolProvider().open(new TestContext(settings, work.resolve("state2")));
    }

    @AfterAll
    void cleanUp() {
        if (tools != null) {
            tools.close();
            withoutSymbols.close();
            assertEquals(List.of(), RealDumpTest.crashChildren(), "crash processes left running");
            delete(work);
        }
    }

    @Test
    void namesOutsideTheDumpFolderAreRefused() {
        assertError(start(tools, "../../etc/shadow"), "outside the dump folder");
        assertError(start(tools, "/etc/passwd"), "outside the dump folder");
        assertError(start(tools, "vmcore.link"), "outside the dump folder");
    }

    @Test
    void aMissingDumpIsNamed() {
        assertError(start(tools, "nosuch/vmcore"), "no dump named 'nosuch/vmcore'");
    }

    @Test
    void aFileThatIsNotADumpIsRecognised() {
        assertError(start(tools, "text/vmcore"), "is not a crash dump");
    }

    @Test
    void aTruncatedDumpGivesCrashsOwnMessage() {
        ToolResult result = start(tools, "trunc/vmcore");
        assertError(result, "crash could not load trunc/vmcore");
        assertError(result, "read error");
    }

    @Test
    void aMissingVmlinuxNamesTheReleaseThePlacesAndHowToInstall() {
        ToolResult result = start(withoutSymbols, "202611220410/dump.202611220410");
        assertError(result, "no vmlinux with debug symbols found for kernel " + release);
        assertError(result, work.resolve("empty").resolve("boot/vmlinux-" + release).toString());
        assertError(result, "apt install linux-image-" + release + "-dbg");
        assertError(result, "debuginfo-install kernel-" + release);
    }

    private static ToolResult start(ToolSet set, String dumpName) {
        Tool tool = set.tools().stream().filter(t -> t.name().equals("start_crash_session")).findFirst().orElseThrow();
        try {
            return tool.handler().call(new TestToolCall(tool.name(), Map.of("dump_name", dumpName)));
        } catch (ToolException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
