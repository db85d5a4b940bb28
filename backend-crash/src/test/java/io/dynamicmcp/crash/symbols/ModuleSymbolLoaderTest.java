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
    private static final String DMZ_ZOO_BUILD_ID = "e2281c0bbf3914242f472a1d85ef0765986ad5b8";

    @TempDir
    Path root;

    private final List<String> sent = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();
    private ModuleSymbolLoader.IndexedCopies copies = ModuleSymbolLoader.IndexedCopies.NONE;

    private void progressed(String module, int number, int count) {
        progress.add(module + " " + number + "/" + count);
    }

    /** crash as captured: its module table, where dmz_zoo's build-id note is, the note, and mod -s naming the file. */
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
        Map<String, String> captured = Map.of(
                ModuleBuildIds.LAYOUT_COMMAND, "layout.txt",
                "rd -64 ffffffffc0234390 1", "rd-notes-attrs.txt",
                "rd -32 ff278ec082967b48 1", "rd-notes-count.txt",
                "rd -64 ff278ec082967b50 16", "rd-notes.txt",
                "rd -8 ffffffffc0233000 36", "rd-note.txt");
        if (captured.containsKey(command)) {
            return file.apply(captured.get(command));
        }
        if (command.startsWith("mod -s ")) {
            String[] words = command.split(" ");
            return List.of("     MODULE       NAME               BASE         SIZE  OBJECT FILE",
                    "ffffffffc0234140  " + words[2] + "      ffffffffc0232000  16384  " + words[3] + " ");
        }
        return List.of();
    }

    private Path dumpFolder() throws IOException {
        return Files.createDirectories(root.resolve("crash/null-deref"));
    }

    private Map<String, ModuleDebugInfo> load(List<Path> debugRoots) throws Exception {
        ModuleDebugFiles files = ModuleDebugFiles.forDump(dumpFolder().resolve("vmcore"), RELEASE, debugRoots,
                root.resolve("system"));
        return ModuleSymbolLoader.load(this::crash, files, RELEASE, this::progressed, copies).stream()
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
    void anIndexedCopyOfTheFileIsLoadedInsteadOfIt() throws Exception {
        Path ko = Files.write(dumpFolder().resolve("dmz_zoo.ko"), module("dmz_zoo", RELEASE, DMZ_ZOO_BUILD_ID));
        Path copy = Files.createDirectories(root.resolve("index").resolve(DMZ_ZOO_BUILD_ID)).resolve("dmz_zoo.ko");
        copies = (buildId, name) -> buildId.equals(DMZ_ZOO_BUILD_ID) && name.equals("dmz_zoo.ko")
                ? Optional.of(copy) : Optional.empty();
        ModuleDebugInfo zoo = load(List.of()).get("dmz_zoo");
        assertEquals(Status.LOADED, zoo.status(), zoo.toString());
        assertEquals(Optional.of(ko), zoo.file(), "the file found and checked is the one named");
        assertTrue(zoo.detail().endsWith("loaded from its indexed copy " + copy), zoo.detail());
        assertTrue(sent.contains("mod -s dmz_zoo " + copy), sent.toString());
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
                ModuleDebugFiles.forDump(dumpFolder().resolve("vmcore"), RELEASE, List.of(), root.resolve("none")), RELEASE,
                (module, number, count) -> { }, ModuleSymbolLoader.IndexedCopies.NONE)
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
        assertEquals(List.of("dummy 1/3", "loop 2/3", "qemu_fw_cfg 3/3"), progress, "told of each module with files");
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
    void theBuildIdIsReadWithOneGdbExpressionThenRdOnly() throws Exception {
        Path ko = Files.write(dumpFolder().resolve("dmz_zoo.ko"), module("dmz_zoo", RELEASE, DMZ_ZOO_BUILD_ID));
        Files.write(dumpFolder().resolve("loop.ko"), module("loop", RELEASE, DMZ_ZOO_BUILD_ID));
        Map<String, ModuleDebugInfo> modules = load(List.of());
        assertEquals(Status.LOADED, modules.get("dmz_zoo").status(), modules.toString());
        assertTrue(modules.get("loop").detail().contains("the dump keeps no build-id to compare"),
                "loop's notes were not captured: " + modules.get("loop"));
        assertEquals(1, sent.stream().filter(c -> c.startsWith("gdb ")).count(), "gdb asked once: " + sent);
        assertTrue(sent.stream().filter(c -> !c.equals(DumpModules.TABLE_COMMAND) && !c.equals(ModuleBuildIds.LAYOUT_COMMAND)
                && !c.startsWith("mod -s ")).allMatch(c -> c.startsWith("rd ")), sent.toString());
        assertTrue(sent.contains("mod -s dmz_zoo " + ko), sent.toString());
    }

    @Test
    void whereGdbCannotTellTheLayoutNoBuildIdIsReadAndTheVermagicDecides() throws Exception {
        Files.write(dumpFolder().resolve("dmz_zoo.ko"), module("dmz_zoo", RELEASE, DMZ_ZOO_BUILD_ID));
        List<String> asked = new ArrayList<>();
        ModuleDebugFiles files = ModuleDebugFiles.forDump(dumpFolder().resolve("vmcore"), RELEASE, List.of(),
                root.resolve("system"));
        List<ModuleDebugInfo> modules = ModuleSymbolLoader.load(command -> {
            asked.add(command);
            return command.equals(ModuleBuildIds.LAYOUT_COMMAND)
                    ? List.of("gdb: gdb request failed: printf \"%lu ...\"", "No symbol \"notes_attrs\" in struct module.")
                    : crash(command);
        }, files, RELEASE, (module, number, count) -> { }, ModuleSymbolLoader.IndexedCopies.NONE);
        ModuleDebugInfo zoo = modules.stream().filter(m -> m.module().equals("dmz_zoo")).findFirst().orElseThrow();
        assertEquals(Status.LOADED, zoo.status(), zoo.toString());
        assertTrue(zoo.detail().contains("the dump keeps no build-id to compare"), zoo.detail());
        assertTrue(asked.stream().noneMatch(c -> c.startsWith("rd ")), asked.toString());
    }

    @Test
    void theBuildIdNoteIsReadFromCrashsDumpInTheMachinesByteOrder() {
        assertEquals(Optional.of(DMZ_ZOO_BUILD_ID), ModuleBuildIds.note(List.of(
                "ffffffffc0233000:  04 00 00 00 14 00 00 00 03 00 00 00 47 4e 55 00   ............GNU.",
                "ffffffffc0233010:  e2 28 1c 0b bf 39 14 24 2f 47 2a 1d 85 ef 07 65   .(...9.$/G*....e",
                "ffffffffc0233020:  98 6a d5 b8                                       .j..")));
        assertEquals(Optional.of("0a0b0c0d"), ModuleBuildIds.note(List.of(
                "000003ff80001000:  00 00 00 04 00 00 00 04 00 00 00 03 47 4e 55 00   ............GNU.",
                "000003ff80001010:  0a 0b 0c 0d                                       ....")), "big-endian (s390x)");
        assertEquals(Optional.empty(), ModuleBuildIds.note(List.of(
                "ffffffffc0233024:  06 00 00 00 04 00 00 00 00 01 00 00 4c 69 6e 75   ............Linu",
                "ffffffffc0233034:  78 00 00 00 00 00 00 00                           x.......")), "a .note.Linux is no build-id");
        assertEquals(Optional.empty(), ModuleBuildIds.note(List.of("rd: invalid kernel virtual address: 0  type: \"64-bit KVADDR\"")));
    }

    @Test
    void rdWordsAreReadUpToTheirAsciiColumn() {
        assertEquals(List.of(0xff278ec082967b40L), ModuleBuildIds.words(
                List.of("ffffffffc0234390:  ff278ec082967b40                    @{....'.")));
        assertEquals(List.of(2L), ModuleBuildIds.words(List.of("ff278ec082967b48:  00000002                              ....")));
        assertEquals(List.of(0x24L, 0xffffffffc0233000L), ModuleBuildIds.words(
                List.of("ff278ec082967b60:  0000000000000024 ffffffffc0233000   $........0#.....")));
        assertEquals(List.of(), ModuleBuildIds.words(List.of("rd: seek error: kernel virtual address: ffff000000000000")));
    }
}
