package io.dynamicmcp.examples.kernelinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynamicmcp.testkit.HostedProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kernel_messages drives a program through the host's process service: a fake dmesg, a failing one, the real one. */
class KernelMessagesToolTest {

    @TempDir
    Path dir;

    private HostedProvider open(String dmesg) throws Exception {
        Map<String, String> settings = new HashMap<>(FakeHost.create(dir).settings());
        settings.put(KernelInfoProvider.DMESG, dmesg);
        return HostedProvider.open(new KernelInfoProvider(), settings, Files.createDirectories(dir.resolve("state")));
    }

    private Path script(String body) throws Exception {
        Path script = dir.resolve("fake-dmesg");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    @SuppressWarnings("unchecked")
    void returnsTheLastLinesAndAsksForWarningsAndErrorsByDefault() throws Exception {
        Path args = dir.resolve("args");
        try (HostedProvider plugin = open(script("echo \"$@\" > " + args + "; printf 'one\\ntwo\\nthree\\n'").toString())) {
            Map<String, Object> out = plugin.callOk("kernel_messages", Map.of("lines", 2));
            assertEquals(List.of("two", "three"), out.get("lines"));
            assertEquals("--kernel --level=emerg,alert,crit,err,warn", Files.readString(args).strip());
            plugin.callOk("kernel_messages", Map.of("all_levels", true));
            assertEquals("--kernel", Files.readString(args).strip());
        }
    }

    @Test
    void aFailingDmesgIsOneErrorSayingWhatItNeeds() throws Exception {
        try (HostedProvider plugin = open(script("echo 'dmesg: read kernel buffer failed: Operation not permitted' >&2; "
                + "exit 1").toString())) {
            String error = plugin.callError("kernel_messages", Map.of(), "Operation not permitted");
            assertTrue(error.contains("CAP_SYSLOG"), error);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsTheRealKernelLog() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dmesg")) || Files.isExecutable(Path.of("/bin/dmesg")),
                "SKIPPED: no dmesg (util-linux) on this host");
        assumeTrue("root".equals(System.getProperty("user.name")), "SKIPPED: reading the kernel log may need root");
        try (HostedProvider plugin = open("dmesg")) {
            List<String> lines = (List<String>) plugin.callOk("kernel_messages", Map.of("all_levels", true, "lines", 5))
                    .get("lines");
            assertTrue(!lines.isEmpty() && lines.size() <= 5, lines.toString());
        }
    }
}
