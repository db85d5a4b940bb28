package io.dynamicmcp.examples.kernelinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.InvalidSettingException;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.testkit.HostedProvider;
import io.dynamicmcp.testkit.TestContext;
import io.dynamicmcp.testkit.TestToolCall;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kernel_info against a fake /proc and /sys with known contents: every value decoded exactly. */
class KernelInfoToolTest {

    @TempDir
    Path dir;

    private FakeHost host;

    @BeforeEach
    void fakeHost() throws Exception {
        host = FakeHost.create(dir);
    }

    private ToolResult call(Map<String, Object> arguments) throws Exception {
        try (HostedProvider plugin = HostedProvider.open(new KernelInfoProvider(), host.settings(), dir.resolve("state"))) {
            ToolResult result = plugin.call("kernel_info", arguments);
            // what the Java SDK's client checks: structured content conforms to the published output schema
            HostedProvider.assertMatchesOutputSchema(plugin.tool("kernel_info"), result.structured().orElseThrow());
            return result;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> map, String key) {
        assertTrue(map.containsKey(key), "no " + key + " in " + map);
        return (T) map.get(key);
    }

    @Test
    void readsReleaseVersionCommandLineAndUptime() throws Exception {
        Map<String, Object> out = call(Map.of()).structured().orElseThrow();
        assertEquals(FakeHost.RELEASE, out.get("release"));
        assertEquals(FakeHost.VERSION, out.get("version"));
        assertEquals(FakeHost.CMDLINE, out.get("command_line"));
        assertEquals(93784.52, out.get("uptime_seconds"));
        assertEquals(List.of(), out.get("unreadable"));
    }

    @Test
    void decodesEveryTaintBitIncludingOnesItDoesNotKnow() throws Exception {
        ToolResult result = call(Map.of());
        Map<String, Object> taint = at(result.structured().orElseThrow(), "taint");
        assertEquals(FakeHost.TAINT, taint.get("value"));
        assertEquals("PWOE", taint.get("letters"));
        List<Map<String, Object>> flags = at(taint, "flags");
        assertEquals(List.of(0, 9, 12, 13, 20), flags.stream().map(f -> f.get("bit")).toList());
        assertEquals(Map.of("bit", 0, "letter", "P", "meaning", "proprietary module was loaded"), flags.get(0));
        assertEquals(Map.of("bit", 9, "letter", "W", "meaning", "kernel issued warning"), flags.get(1));
        assertEquals(Map.of("bit", 12, "letter", "O", "meaning", "externally-built (\"out-of-tree\") module was loaded"),
                flags.get(2));
        assertEquals(Map.of("bit", 13, "letter", "E", "meaning", "unsigned module was loaded"), flags.get(3));
        assertNull(flags.get(4).get("letter"));
        assertTrue(((String) flags.get(4).get("meaning")).startsWith("not known to this plugin"));
        assertTrue(result.text().contains("tainted:        1061377 = PWOE\n"), result.text());
        assertTrue(result.text().contains("W  bit 9   kernel issued warning"), result.text());
    }

    @Test
    void untaintedKernelSaysSo() throws Exception {
        host.write("proc/sys/kernel/tainted", "0\n");
        ToolResult result = call(Map.of());
        assertEquals(Map.of("value", 0L, "letters", "", "flags", List.of()), result.structured().orElseThrow().get("taint"));
        assertTrue(result.text().contains("tainted:        no (0)"), result.text());
    }

    @Test
    void listsModulesWithTheirOwnTaintAndWithoutAddresses() throws Exception {
        ToolResult result = call(Map.of());
        Map<String, Object> modules = at(result.structured().orElseThrow(), "modules");
        assertEquals(true, modules.get("available"));
        assertEquals(5, modules.get("loaded"));
        assertNull(modules.get("filter"));
        assertEquals("1 line(s) of " + host.proc.resolve("modules") + " were not in the expected format and are left out",
                modules.get("note"));
        List<Map<String, Object>> list = at(modules, "list");
        assertEquals(List.of("nvidia", "loop", "dummy", "vboxdrv", "nf_tables"), list.stream().map(m -> m.get("name")).toList());
        Map<String, Object> nvidia = new HashMap<>(list.get(0));
        assertEquals(Map.of("name", "nvidia", "size_bytes", 56823808L, "refcount", 88,
                "used_by", List.of("nvidia_uvm", "nvidia_modeset"), "state", "Live", "taint", "POE",
                "taint_meanings", List.of("P: proprietary module was loaded",
                        "O: externally-built (\"out-of-tree\") module was loaded", "E: unsigned module was loaded")), nvidia);
        assertEquals("", list.get(1).get("taint"));
        assertEquals(List.of(), list.get(1).get("used_by"));
        assertNull(list.get(2).get("refcount"), "'-' means the kernel cannot unload modules");
        assertEquals("Unloading", list.get(2).get("state"));
        assertEquals("OE", list.get(3).get("taint"));
        assertEquals("Loading", list.get(4).get("state"));
        assertFalse(result.text().contains("0xffffffffc"), "module addresses leak the KASLR offset:\n" + result.text());
        assertFalse(result.structured().orElseThrow().toString().contains("0xffffffffc"));
        assertTrue(result.text().contains("nvidia"), result.text());
    }

    @Test
    void filtersModulesIgnoringCaseAndDashVersusUnderscore() throws Exception {
        Map<String, Object> modules = at(call(Map.of("module_filter", "NF-TAB")).structured().orElseThrow(), "modules");
        assertEquals(5, modules.get("loaded"));
        assertEquals("NF-TAB", modules.get("filter"));
        List<Map<String, Object>> list = at(modules, "list");
        assertEquals(List.of("nf_tables"), list.stream().map(m -> m.get("name")).toList());
        List<Map<String, Object>> none = at(at(call(Map.of("module_filter", "zzz")).structured().orElseThrow(), "modules"), "list");
        assertEquals(List.of(), none);
    }

    @Test
    void leavesModulesOutWhenNotWanted() throws Exception {
        ToolResult result = call(Map.of("include_modules", false));
        assertFalse(result.structured().orElseThrow().containsKey("modules"));
        assertFalse(result.text().contains("modules:"), result.text());
    }

    @Test
    void kernelWithoutModuleSupportIsReportedNotAnError() throws Exception {
        host.delete("proc/modules");
        ToolResult result = call(Map.of());
        assertFalse(result.isError());
        Map<String, Object> modules = at(result.structured().orElseThrow(), "modules");
        assertEquals(false, modules.get("available"));
        assertEquals(0, modules.get("loaded"));
        assertTrue(((String) modules.get("note")).contains("CONFIG_MODULES=n"), modules.toString());
    }

    @Test
    void reportsBtf() throws Exception {
        assertEquals(Map.of("available", true, "path", host.sys.resolve("kernel/btf/vmlinux").toString(), "size_bytes", 4096L),
                call(Map.of()).structured().orElseThrow().get("btf"));
        Files.delete(host.sys.resolve("kernel/btf/vmlinux"));
        Map<String, Object> btf = at(call(Map.of()).structured().orElseThrow(), "btf");
        assertEquals(false, btf.get("available"));
        assertNull(btf.get("size_bytes"));
    }

    @Test
    void aMissingOrMalformedFileIsNamedAndItsValueIsNull() throws Exception {
        host.delete("proc/uptime");
        host.write("proc/sys/kernel/tainted", "lots\n");
        Map<String, Object> out = call(Map.of()).structured().orElseThrow();
        assertNull(out.get("uptime_seconds"));
        assertNull(((Map<?, ?>) out.get("taint")).get("value"));
        assertEquals(List.of(host.proc.resolve("uptime") + ": does not exist",
                host.proc.resolve("sys/kernel/tainted") + ": not a whole number: lots"), out.get("unreadable"));
        assertEquals(FakeHost.RELEASE, out.get("release"));
    }

    @Test
    void badArgumentsAreOneClearError() throws Exception {
        try (HostedProvider plugin = HostedProvider.open(new KernelInfoProvider(), host.settings(), dir.resolve("state"))) {
            plugin.callError("kernel_info", Map.of("module_filter", "x".repeat(65)), "at most 64 characters");
            assertEquals("argument 'module_filter' needs include_modules=true; drop one of the two",
                    plugin.callError("kernel_info", Map.of("module_filter", "nf", "include_modules", false), "needs"));
            assertEquals("argument 'include_modules' must be true or false, got \"maybe\"",
                    plugin.callError("kernel_info", Map.of("include_modules", "maybe"), "must be"));
        }
    }

    @Test
    void aConfiguredRootThatIsNotProcStopsStartUpNamingTheSetting() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        InvalidSettingException proc = assertThrows(InvalidSettingException.class, () -> new KernelInfoProvider()
                .open(new TestContext(Map.of(KernelInfoProvider.PROC_ROOT, empty.toString()), dir.resolve("state"))));
        assertEquals(KernelInfoProvider.PROC_ROOT, proc.key());
        InvalidSettingException sys = assertThrows(InvalidSettingException.class, () -> new KernelInfoProvider()
                .open(new TestContext(Map.of(KernelInfoProvider.PROC_ROOT, host.proc.toString(),
                        KernelInfoProvider.SYS_ROOT, empty.resolve("nothing").toString()), dir.resolve("state"))));
        assertEquals(KernelInfoProvider.SYS_ROOT, sys.key());
    }

    @Test
    void theSchemaCheckCanFail() throws Exception {
        Map<String, Object> structured = new HashMap<>(call(Map.of()).structured().orElseThrow());
        structured.remove("taint");
        structured.put("release", 6);
        ValidationResponse valid = new DefaultJsonSchemaValidator().validate(KernelInfoTool.outputSchema(), structured);
        assertFalse(valid.valid(), "a result without taint and with a numeric release passed the output schema");
    }

    @Test
    void publishesTruthfulAnnotations() throws Exception {
        try (ToolSet set = new KernelInfoProvider().open(new TestContext(host.settings(), dir.resolve("state")))) {
            Tool tool = set.tools().get(0);
            assertEquals("kernel_info", tool.name());
            assertTrue(tool.annotations().readOnly());
            assertFalse(tool.annotations().destructive());
            assertTrue(tool.annotations().idempotent());
            assertTrue(tool.annotations().openWorld(), "it reads the live host, not a closed data set");
            assertTrue(tool.description().contains("Do NOT use it for a crash dump"));
        }
    }
}
