package io.dynamicmcp.examples.kernelinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.testkit.HostedProvider;
import io.dynamicmcp.testkit.TestToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kernel_info on this machine's real /proc and /sys, with the default settings. */
class RealHostTest {

    @TempDir
    Path state;

    @Test
    void reportsTheKernelThisJvmRunsOn() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/sys/kernel/osrelease")),
                "SKIPPED: /proc/sys/kernel/osrelease is not readable; this test needs a Linux host with procfs");
        try (HostedProvider plugin = HostedProvider.open(new KernelInfoProvider(), Map.of(), state)) {
            ToolResult result = plugin.call("kernel_info", Map.of());
            Map<String, Object> out = plugin.callOk("kernel_info", Map.of());

            assertEquals(System.getProperty("os.version"), out.get("release"));
            assertTrue(((String) out.get("version")).startsWith("Linux version " + System.getProperty("os.version") + " "),
                    String.valueOf(out.get("version")));
            assertEquals(Files.readString(Path.of("/proc/cmdline")).trim(), out.get("command_line"));
            long tainted = Long.parseLong(Files.readString(Path.of("/proc/sys/kernel/tainted")).trim());
            assertEquals(tainted, ((Map<?, ?>) out.get("taint")).get("value"));
            assertTrue((Double) out.get("uptime_seconds") > 0);
            assertEquals(Files.exists(Path.of("/sys/kernel/btf/vmlinux")), ((Map<?, ?>) out.get("btf")).get("available"));

            Map<?, ?> modules = (Map<?, ?>) out.get("modules");
            Path procModules = Path.of("/proc/modules");
            assertEquals(Files.exists(procModules), modules.get("available"));
            if (Files.exists(procModules)) {
                long lines = Files.readAllLines(procModules).stream().filter(l -> !l.isBlank()).count();
                assertEquals((int) lines, modules.get("loaded"));
                assertEquals((int) lines, ((List<?>) modules.get("list")).size());
            }
            assertEquals(List.of(), out.get("unreadable"));
            assertTrue(result.text().startsWith("Live host kernel " + System.getProperty("os.version")), result.text());
        }
    }
}
