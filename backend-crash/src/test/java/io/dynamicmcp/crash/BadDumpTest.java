package io.dynamicmcp.crash;

import static io.dynamicmcp.crash.RealDumpTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.testkit.HostedProvider;
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
    private HostedProvider crash;
    private HostedProvider withoutSymbols;

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
        crash = HostedProvider.open(new CrashToolProvider(), settings, work.resolve("state"));
        settings.put(CrashSettings.DUMP_PATH, cache.get().resolve("crash").toString());
        settings.put(CrashSettings.DEBUG_SYMBOL_PATH, work.resolve("empty").toString());
        settings.put(CrashSettings.DEBUG_SYMBOL_DEFAULTS, "false");
        withoutSymbols = HostedProvider.open(new CrashToolProvider(), settings, work.resolve("state2"));
    }

    @AfterAll
    void cleanUp() {
        if (crash != null) {
            crash.close();
            withoutSymbols.close();
            assertEquals(List.of(), RealDumpTest.crashChildren(), "crash processes left running");
            delete(work);
        }
    }

    @Test
    void namesOutsideTheDumpFolderAreRefused() {
        crash.callError("start_crash_session", Map.of("dump_name", "../../etc/shadow"), "outside the dump folder");
        crash.callError("start_crash_session", Map.of("dump_name", "/etc/passwd"), "outside the dump folder");
        crash.callError("start_crash_session", Map.of("dump_name", "vmcore.link"), "outside the dump folder");
    }

    @Test
    void aMissingDumpIsNamed() {
        crash.callError("start_crash_session", Map.of("dump_name", "nosuch/vmcore"), "no dump named 'nosuch/vmcore'");
    }

    @Test
    void aFileThatIsNotADumpIsRecognised() {
        crash.callError("start_crash_session", Map.of("dump_name", "text/vmcore"), "is not a crash dump");
    }

    @Test
    void aTruncatedDumpGivesCrashsOwnMessage() {
        ToolResult result = start(crash, "trunc/vmcore");
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

    private static ToolResult start(HostedProvider crash, String dumpName) {
        return crash.call("start_crash_session", Map.of("dump_name", dumpName));
    }

    static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
