package io.dynamicmcp.crash.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.dump.TinyElf;
import io.dynamicmcp.crash.symbols.ModuleDebugInfo.Status;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Module symbols against what crash printed on the zoo's null-deref dump (test resources symbols/), with object files
 * made here: only this module of this kernel is loaded.
 */
class ModuleSymbolLoaderTest {

    private static final String RELEASE = "6.1.0-57-cloud-amd64";
    private static final String DMZ_ZOO_BUILD_ID = "89fd2f322065419a0dd7a75b3a2b16794e688ec6";

    @TempDir
    Path root;

    private final List<String> sent = new ArrayList<>();

    /** crash as captured: its module table, dmz_zoo's notes, and mod -s naming the file it loaded. */
    private List<String> crash(String command) {
        sent.add(command);
        Function<String, List<String>> file = name -> {
            try {
                return Files.readAllLines(Path.of(getClass().getResource("/symbols/" + name).toURI()), StandardCharsets.UTF_8);
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        };
        if (command.equals(DumpModules.TABLE_COMMAND)) {
            return file.apply("mod.txt");
        }
        if (command.equals("struct module.notes_attrs ffffffffc04be140")) {
            return file.apply("module-notes-attrs.txt");
        }
        if (command.equals("struct module_notes_attrs 0xff30ea860299c480")) {
            return file.apply("notes-attrs.txt");
        }
        if (command.equals("struct bin_attribute 0xff30ea860299c490 2")) {
            return file.apply("bin-attributes.txt");
        }
        if (command.equals("rd -8 0xffffffffc04bd000 36")) {
            return file.apply("rd-note.txt");
        }
        if (command.startsWith("mod -s ")) {
            String[] words = command.split(" ");
            return List.of("     MODULE       NAME               BASE         SIZE  OBJECT FILE",
                    "ffffffffc04be140  " + words[2] + "      ffffffffc04bc000  16384  " + words[3] + " ");
        }
        return List.of();
    }

    private Path dumpFolder() throws IOException {
        return Files.createDirectories(root.resolve("crash/null-deref"));
    }

    private Map<String, ModuleDebugInfo> load(List<Path> debugRoots) throws Exception {
        ModuleDebugFiles files = ModuleDebugFiles.forDump(dumpFolder().resolve("vmcore"), RELEASE, debugRoots,
                root.resolve("system"));
        return ModuleSymbolLoader.load(this::crash, files, RELEASE).stream()
                .collect(Collectors.toMap(ModuleDebugInfo::module, m -> m));
    }

    private static byte[] module(String name, String release, String buildId) {
        TinyElf elf = new TinyElf().modinfo("license=GPL", "name=" + name, "vermagic=" + release + " SMP preempt ");
        return (buildId == null ? elf : elf.buildId(buildId)).bytes();
    }

    @Test
    void aModuleBesideTheDumpWithTheDumpsBuildIdIsLoaded() throws Exception {
        Path ko = Files.write(dumpFolder().resolve("dmz_zoo.ko"), module("dmz_zoo", RELEASE, DMZ_ZOO_BUILD_ID));
        ModuleDebugInfo zoo = load(List.of()).get("dmz_zoo");
        assertEquals(Status.LOADED, zoo.status(), zoo.toString());
        assertEquals(Optional.of(ko), zoo.file());
        assertTrue(zoo.detail().contains("build-id " + DMZ_ZOO_BUILD_ID + " matches"), zoo.detail() + sent);
        assertTrue(sent.contains("mod -s dmz_zoo " + ko), sent.toString());
    }

    @Test
    void anotherBuildOfTheSameModuleAndReleaseIsRejected() throws Exception {
        Files.write(dumpFolder().resolve("dmz_zoo.ko"), module("dmz_zoo", RELEASE, "00112233445566778899aabbccddeeff00112233"));
        ModuleDebugInfo zoo = load(List.of()).get("dmz_zoo");
        assertEquals(Status.REJECTED, zoo.status(), zoo.toString());
        assertTrue(zoo.detail().contains("the dump's module has " + DMZ_ZOO_BUILD_ID), zoo.detail());
        assertTrue(sent.stream().noneMatch(c -> c.startsWith("mod -s")), sent.toString());
    }

    @Test
    void eachPlaceIsSearchedAndEachFileChecked() throws Exception {
        Path debug = root.resolve("debug");
        Path tree = Files.createDirectories(debug.resolve("usr/lib/debug/lib/modules").resolve(RELEASE).resolve("kernel/drivers/block"));
        Path loop = Files.write(tree.resolve("loop.ko"), module("loop", RELEASE, null));
        Files.write(Files.createDirectories(debug.resolve("flat")).resolve("dummy.ko"), module("dummy", "5.10.0-30-amd64", null));
        Path system = Files.createDirectories(root.resolve("system/lib/modules").resolve(RELEASE).resolve("kernel/drivers/firmware"));
        Path fwCfg = Files.write(system.resolve("qemu-fw-cfg.ko"), new TinyElf().section(".text", TinyElf.PROGBITS, new byte[8]).bytes());
        Map<String, ModuleDebugInfo> modules = load(List.of(debug, debug.resolve("flat")));
        assertEquals(List.of("dmz_zoo", "dummy", "loop", "qemu_fw_cfg"), ModuleSymbolLoader.load(this::crash,
                ModuleDebugFiles.forDump(dumpFolder().resolve("vmcore"), RELEASE, List.of(), root.resolve("none")), RELEASE)
                .stream().map(ModuleDebugInfo::module).toList(), "by name");
        assertEquals(Status.LOADED, modules.get("loop").status(), modules.get("loop").toString());
        assertEquals(Optional.of(loop), modules.get("loop").file(), "found under the root taken as a sysroot");
        assertTrue(modules.get("loop").detail().contains("vermagic names " + RELEASE), modules.get("loop").detail());
        assertEquals(Status.REJECTED, modules.get("dummy").status());
        assertTrue(modules.get("dummy").detail().contains("built for kernel 5.10.0-30-amd64"), modules.get("dummy").detail());
        assertEquals(Status.LOADED, modules.get("qemu_fw_cfg").status(), "dashes and underscores alike: " + modules);
        assertEquals(Optional.of(fwCfg), modules.get("qemu_fw_cfg").file());
        assertTrue(modules.get("qemu_fw_cfg").detail().contains("module tree of " + RELEASE), modules.get("qemu_fw_cfg").detail());
        assertEquals(Status.NOT_FOUND, modules.get("dmz_zoo").status());
    }

    @Test
    void aPathWithWhiteSpaceIsNotHandedToCrash() throws Exception {
        Path spaced = Files.createDirectories(root.resolve("debug symbols"));
        Files.write(spaced.resolve("loop.ko"), module("loop", RELEASE, null));
        ModuleDebugInfo loop = load(List.of(spaced)).get("loop");
        assertEquals(Status.REJECTED, loop.status());
        assertTrue(loop.detail().contains("white space"), loop.detail());
    }

    @Test
    void withNoFileToCompareCrashIsAskedOnlyForItsModuleTable() throws Exception {
        Map<String, ModuleDebugInfo> modules = load(List.of());
        assertTrue(modules.values().stream().allMatch(m -> m.status() == Status.NOT_FOUND), modules.toString());
        assertEquals(List.of(DumpModules.TABLE_COMMAND), sent, "the module list and the notes cost gdb time; not needed");
    }

    @Test
    void theKernelsModuleListIsReadWhereCrashsTableCannotBe() throws Exception {
        List<String> asked = new ArrayList<>();
        List<DumpModules.Module> modules = DumpModules.list(command -> {
            asked.add(command);
            return command.equals(DumpModules.NAMES_COMMAND)
                    ? List.of("ffffffffc04be140", "  name = \"dmz_zoo\\000\\000\",", "ffffffffc04b0100", "  name = \"dummy\\000\",")
                    : List.of("mod: cannot access vmalloc'd module memory");
        });
        assertEquals(List.of(new DumpModules.Module("dmz_zoo", "ffffffffc04be140"),
                new DumpModules.Module("dummy", "ffffffffc04b0100")), modules);
        assertEquals(List.of(DumpModules.TABLE_COMMAND, DumpModules.NAMES_COMMAND), asked);
    }

    @Test
    void theBuildIdNoteIsReadFromCrashsDump() {
        assertEquals(Optional.of(DMZ_ZOO_BUILD_ID), DumpModules.note(List.of(
                "ffffffffc04bd000:  04 00 00 00 14 00 00 00 03 00 00 00 47 4e 55 00   ............GNU.",
                "ffffffffc04bd010:  89 fd 2f 32 20 65 41 9a 0d d7 a7 5b 3a 2b 16 79   ../2 eA....[:+.y",
                "ffffffffc04bd020:  4e 68 8e c6                                       Nh..")));
        assertEquals(Optional.empty(), DumpModules.note(List.of("rd: invalid kernel virtual address: 0  type: \"64-bit KVADDR\"")));
    }

}
