package io.dynamicmcp.crash.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.crash.CrashSettings;
import io.dynamicmcp.crash.FakeCrashTools;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.testkit.HostedProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash resources over temporary kdump trees (RHEL and Debian layouts, a loose dump, symlinks out of the dump
 * folder) and sessions of the fake crash: listed, read, refused.
 */
class CrashResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RHEL = "127.0.0.1-2026-01-01-00:00:00";

    @TempDir
    Path root;

    private Path dumps;
    private HostedProvider crash;

    @BeforeEach
    void open() throws Exception {
        dumps = root.resolve("dumps");
        Path rhel = Files.createDirectories(dumps.resolve(RHEL));
        fakeDump(rhel.resolve("vmcore"));
        Files.writeString(rhel.resolve("vmcore-dmesg.txt"), "[0.0] Linux version 6.1.0-fake\n[9.9] sysrq: Trigger a crash\n");
        Path debian = Files.createDirectories(dumps.resolve("202601010000"));
        fakeDump(debian.resolve("dump.202601010000"));
        Files.writeString(debian.resolve("dmesg.202601010000"), "[1.0] debian kernel log\n");
        fakeDump(dumps.resolve("vmcore.loose"));
        Files.writeString(dumps.resolve("notes.txt"), "not a dump\n");
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret-dmesg.txt"), "SECRET outside the dump folder\n");
        fakeDump(outside.resolve("vmcore"));
        Path linked = Files.createDirectories(dumps.resolve("linked"));
        fakeDump(linked.resolve("vmcore"));
        Files.createSymbolicLink(linked.resolve("vmcore-dmesg.txt"), outside.resolve("secret-dmesg.txt"));
        Files.createSymbolicLink(dumps.resolve("vmcore.out"), outside.resolve("vmcore"));
        Files.writeString(Files.createDirectories(root.resolve("debug/boot")).resolve("vmlinux-6.1.0-fake"), "not elf");
        crash = FakeCrashTools.host(Map.of(
                CrashSettings.DUMP_PATH, dumps.toString(),
                CrashSettings.DEBUG_SYMBOL_PATH, root.resolve("debug").toString(),
                CrashSettings.KERNEL_PATH, root.resolve("boot").toString(),
                CrashSettings.DUMP_SETTLE, "0",
                "CRASH_OUTPUT_STORE_BYTES", Integer.toString(1 << 20)), root.resolve("state"));
    }

    @AfterEach
    void close() {
        crash.close();
    }

    private static void fakeDump(Path file) throws Exception {
        Files.write(file, "KDUMP   \0\0\0\0OSRELEASE=6.1.0-fake\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private ResourceSource source(String name) {
        return crash.set().resources().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> uris(ResourceSource source) {
        return source.lister().list().stream().map(ResourceSource.Resource::uri).toList();
    }

    private static String read(ResourceSource source, String uri, String caller) {
        return source.reader().read(uri, caller);
    }

    private static void assertRefused(ResourceSource source, String uri, String message) {
        ToolException e = assertThrows(ToolException.class, () -> source.reader().read(uri, "alice"), uri);
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @Test
    void everyDumpIsListedWithItsMetadata() throws Exception {
        ResourceSource metadata = source("crash_dump");
        assertEquals("crash-dump:///{+name}", metadata.uriTemplate());
        assertEquals("application/json", metadata.mimeType());
        assertEquals(List.of("crash-dump:///127.0.0.1-2026-01-01-00:00:00/vmcore", "crash-dump:///202601010000/dump.202601010000",
                "crash-dump:///linked/vmcore", "crash-dump:///vmcore.loose"), uris(metadata));
        ResourceSource.Resource rhel = metadata.lister().list().get(0);
        assertEquals(RHEL + "/vmcore", rhel.name());
        assertTrue(rhel.description().contains("dump_name '" + RHEL + "/vmcore'"), rhel.description());

        JsonNode json = JSON.readTree(read(metadata, rhel.uri(), "alice"));
        assertEquals(RHEL + "/vmcore", json.get("name").asText());
        assertEquals(dumps.resolve(RHEL + "/vmcore").toString(), json.get("path").asText());
        assertEquals("kdump_compressed", json.get("format").asText());
        assertEquals("6.1.0-fake", json.get("kernel_release").asText());
        assertTrue(json.get("debug_symbols_found").asBoolean());
        assertEquals(RHEL + "/vmcore-dmesg.txt", json.get("dmesg_file").asText());
        assertEquals("crash-dump:///127.0.0.1-2026-01-01-00:00:00/vmcore/dmesg", json.get("dmesg_uri").asText());
        assertTrue(JSON.readTree(read(metadata, "crash-dump:///vmcore.loose", "alice")).get("dmesg_uri").isNull());
    }

    @Test
    void kernelLogsBesideDumpsAreListedAndRead() {
        ResourceSource dmesg = source("crash_dump_dmesg");
        assertEquals(List.of("crash-dump:///127.0.0.1-2026-01-01-00:00:00/vmcore/dmesg",
                "crash-dump:///202601010000/dump.202601010000/dmesg"), uris(dmesg), "no log listed for the symlink out");
        ResourceSource.Resource rhel = dmesg.lister().list().get(0);
        assertEquals((long) "[0.0] Linux version 6.1.0-fake\n[9.9] sysrq: Trigger a crash\n".length(), rhel.size());
        assertEquals("[0.0] Linux version 6.1.0-fake\n[9.9] sysrq: Trigger a crash\n", read(dmesg, rhel.uri(), "bob"));
        assertEquals("[1.0] debian kernel log\n", read(dmesg, "crash-dump:///202601010000/dump.202601010000/dmesg", "bob"));
        assertRefused(dmesg, "crash-dump:///vmcore.loose/dmesg", "has no kernel log beside it");
    }

    @Test
    void nothingOutsideTheDumpFolderIsRead() {
        ResourceSource metadata = source("crash_dump");
        ResourceSource dmesg = source("crash_dump_dmesg");
        assertRefused(dmesg, "crash-dump:///linked/vmcore/dmesg", "has no kernel log beside it");
        assertRefused(metadata, "crash-dump:///vmcore.out", "outside the dump folder");
        assertRefused(metadata, "crash-dump:///../outside/vmcore", "outside the dump folder");
        assertRefused(metadata, "crash-dump:///..%2Foutside%2Fvmcore", "outside the dump folder");
        assertRefused(metadata, "crash-dump:///" + root.resolve("outside/vmcore"), "outside the dump folder");
        assertRefused(dmesg, "crash-dump:///..%2Foutside%2Fvmcore/dmesg", "outside the dump folder");
        assertRefused(metadata, "crash-dump:///notes.txt", "is not a dump");
        assertRefused(metadata, "crash-dump:///no-such-vmcore", "no dump named 'no-such-vmcore'");
        assertRefused(metadata, "crash-dump:///vmcore%ZZ", "'%' not followed by two hexadecimal digits");
        assertRefused(metadata, "crash-dump:///vmcore%00", "control characters");
        assertRefused(metadata, "file:///etc/passwd", "is not a URI of the form crash-dump:///{+name}");
        assertRefused(dmesg, "crash-dump:///vmcore.loose", "is not a URI of the form crash-dump:///{+name}/dmesg");
    }

    @Test
    void namesWithOddCharactersArePercentEncodedAndReadBack() throws Exception {
        Path odd = Files.createDirectories(dumps.resolve("with space"));
        fakeDump(odd.resolve("vmcore"));
        Files.writeString(odd.resolve("vmcore-dmesg.txt"), "odd\n");
        assertTrue(uris(source("crash_dump")).contains("crash-dump:///with%20space/vmcore"));
        assertEquals("with space/vmcore", JSON.readTree(read(source("crash_dump"), "crash-dump:///with%20space/vmcore",
                "alice")).get("name").asText());
        assertEquals("odd\n", read(source("crash_dump_dmesg"), "crash-dump:///with%20space/vmcore/dmesg", "alice"));
    }

    @Test
    void aLongKernelLogKeepsItsEndFromALineStart() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; log.length() < 2 * ResourceSource.MAX_TEXT_BYTES; i++) {
            log.append("[").append(i).append("] a line of the kernel log\n");
        }
        log.append("[end] Kernel panic - not syncing: sysrq triggered crash\n");
        Files.writeString(dumps.resolve(RHEL + "/vmcore-dmesg.txt"), log);
        String text = read(source("crash_dump_dmesg"), "crash-dump:///" + RHEL + "/vmcore/dmesg", "alice");
        assertTrue(text.startsWith("[the first "), text.substring(0, 200));
        assertTrue(text.contains(" bytes of this kernel log are left out; the whole log is 'log' in a crash session"));
        assertTrue(text.endsWith("[end] Kernel panic - not syncing: sysrq triggered crash\n"));
        String kept = text.substring(text.indexOf("]\n") + 2);
        assertTrue(kept.startsWith("["), kept.substring(0, 40));
        assertTrue(log.toString().endsWith(kept));
        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= ResourceSource.MAX_TEXT_BYTES);
    }

    @Test
    void aSessionsTranscriptIsListedReadableByItsOwnerOnlyAndGoesWithIt() throws Exception {
        ResourceSource transcripts = source("crash_session_transcript");
        assertEquals(List.of(), uris(transcripts));
        crash.context().forgetResourceChanges();
        String id = (String) crash.callOk("start_crash_session", Map.of("dump_name", RHEL + "/vmcore"), "alice")
                .get("session_id");
        assertTrue(crash.context().awaitResourcesChanged(60), "opening a session did not say the resources changed");
        String uri = "crash-session://" + id + "/transcript";
        assertEquals(List.of(uri), uris(transcripts));
        assertTrue(transcripts.lister().list().get(0).title().contains(RHEL + "/vmcore"));

        crash.callOk("crash_command", Map.of("command", "sys", "grep", "PANIC"), "alice");
        crash.callOk("crash_command", Map.of("command", "help hello"), "alice");
        String text = read(transcripts, uri, "alice");
        assertTrue(text.startsWith("crash session " + id + " on " + RHEL + "/vmcore (kernel 6.1.0-fake)"), text);
        assertTrue(text.contains("\ncrash> sys | grep 'PANIC'    ["), text);
        assertTrue(text.contains("crash_command, completed]\n       PANIC: \"Kernel panic - not syncing: fake\"\n"), text);
        assertTrue(text.indexOf("crash> help hello") > text.indexOf("crash> sys"), text);
        assertTrue(text.contains("crash_command, completed]\nfake: help hello\n"), text);

        ToolException other = assertThrows(ToolException.class, () -> read(transcripts, uri, "bob"));
        assertTrue(other.getMessage().contains("no crash session '" + id + "'"), other.getMessage());
        ToolException malformed = assertThrows(ToolException.class,
                () -> read(transcripts, "crash-session://" + id + "/x/transcript", "alice"));
        assertTrue(malformed.getMessage().contains("crash-session://{id}/transcript"), malformed.getMessage());

        crash.context().forgetResourceChanges();
        crash.callOk("close_crash_session", Map.of(), "alice");
        assertTrue(crash.context().awaitResourcesChanged(60), "closing a session did not say the resources changed");
        assertEquals(List.of(), uris(transcripts));
        ToolException ended = assertThrows(ToolException.class, () -> read(transcripts, uri, "alice"));
        assertTrue(ended.getMessage().contains("has ended"), ended.getMessage());
    }

    @Test
    void aNewDumpSaysTheResourcesChanged() throws Exception {
        crash.context().forgetResourceChanges();
        Path folder = Files.createDirectories(dumps.resolve("127.0.0.1-2026-02-02-00:00:00"));
        fakeDump(folder.resolve("vmcore"));
        assertTrue(crash.context().awaitResourcesChanged(60), "a new dump folder was not noticed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!uris(source("crash_dump")).contains("crash-dump:///127.0.0.1-2026-02-02-00:00:00/vmcore")) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
            assertTrue(crash.context().awaitResourcesChanged(left), "the new dump was never listed after a change");
        }
        crash.context().forgetResourceChanges();
        Files.delete(dumps.resolve("vmcore.loose"));
        assertTrue(crash.context().awaitResourcesChanged(60), "a dump that went was not noticed");
        assertFalse(uris(source("crash_dump")).contains("crash-dump:///vmcore.loose"));
    }

}
