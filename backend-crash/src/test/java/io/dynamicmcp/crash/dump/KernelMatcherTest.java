package io.dynamicmcp.crash.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.CrashSettings;
import io.dynamicmcp.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelMatcherTest {

    private static final String RELEASE = "6.1.0-99-cloud-amd64";
    private static final KernelIdentity IDENTITY = new KernelIdentity(Optional.of(RELEASE), Optional.empty());

    @TempDir
    Path dir;

    @Test
    void aRootWhereADebugPackageWasUnpackedIsSearchedAsASysroot() throws IOException {
        Path unpacked = dir.resolve("unpacked");
        Path vmlinux = file(unpacked.resolve("usr/lib/debug/boot/vmlinux-" + RELEASE));
        KernelMatch match = matcher(Map.of(CrashSettings.DEBUG_SYMBOL_PATH, unpacked.toString())).find(IDENTITY, dump());
        assertEquals(Optional.of(vmlinux), match.vmlinux());
    }

    @Test
    void aRootIsAlsoSearchedAsAFlatFolder() throws IOException {
        Path flat = dir.resolve("flat");
        Path vmlinux = file(flat.resolve("lib/modules/" + RELEASE + "/vmlinux"));
        KernelMatch match = matcher(Map.of(CrashSettings.DEBUG_SYMBOL_PATH, flat.toString())).find(IDENTITY, dump());
        assertEquals(Optional.of(vmlinux), match.vmlinux());
    }

    @Test
    void theDefaultRootsStayAfterTheConfiguredOnesUnlessTurnedOff() {
        Path mine = dir.resolve("mine");
        assertEquals(List.of(mine, Path.of("/usr/lib/debug")),
                settings(Map.of(CrashSettings.DEBUG_SYMBOL_PATH, mine.toString())).debugSymbolRoots());
        assertEquals(List.of(Path.of("/usr/lib/debug")), settings(Map.of()).debugSymbolRoots());
        assertEquals(List.of(mine), settings(Map.of(CrashSettings.DEBUG_SYMBOL_PATH, mine.toString(),
                CrashSettings.DEBUG_SYMBOL_DEFAULTS, "false")).debugSymbolRoots());
    }

    @Test
    void whenNothingIsFoundEveryPlaceSearchedIsNamed() throws IOException {
        Path unpacked = dir.resolve("unpacked");
        KernelMatch match = matcher(Map.of(CrashSettings.DEBUG_SYMBOL_PATH, unpacked.toString())).find(IDENTITY, dump());
        assertEquals(Optional.empty(), match.vmlinux());
        List<Path> searched = match.searched();
        for (Path expected : List.of(unpacked.resolve("boot/vmlinux-" + RELEASE),
                unpacked.resolve("usr/lib/debug/boot/vmlinux-" + RELEASE),
                unpacked.resolve("usr/lib/debug/lib/modules/" + RELEASE + "/vmlinux"),
                Path.of("/usr/lib/debug/boot/vmlinux-" + RELEASE),
                Path.of("/usr/lib/debug/lib/modules/" + RELEASE + "/vmlinux"))) {
            assertTrue(searched.contains(expected), expected + " not in " + searched);
        }
        assertTrue(!searched.contains(Path.of("/usr/lib/debug/usr/lib/debug/boot/vmlinux-" + RELEASE)),
                "a usr/lib/debug root is not searched as a sysroot: " + searched);
        String message = match.missingMessage(RELEASE);
        searched.forEach(path -> assertTrue(message.contains(path.toString()), path + " missing from: " + message));
    }

    private KernelMatcher matcher(Map<String, String> values) {
        CrashSettings settings = settings(values);
        return new KernelMatcher(settings.debugSymbolRoots(), settings.kernelPath());
    }

    private CrashSettings settings(Map<String, String> values) {
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put(CrashSettings.KERNEL_PATH, dir.resolve("boot").toString());
        return CrashSettings.from(new TestContext(all, dir.resolve("state")).settings());
    }

    private Path dump() throws IOException {
        return file(dir.resolve("crash/vmcore"));
    }

    private static Path file(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "not an ELF file");
    }

    @Test
    void aCandidateIsTakenOnlyWhenItsBuildIdMatchesTheDumps() throws IOException {
        Path root = dir.resolve("real-elf");
        Path vmlinux = root.resolve("boot/vmlinux-" + RELEASE);
        Files.createDirectories(vmlinux.getParent());
        Files.copy(Path.of("/usr/bin/true"), vmlinux);
        String id = ElfBuildId.read(vmlinux).orElseThrow(() -> new AssertionError("/usr/bin/true has no build-id"));
        KernelMatcher matcher = matcher(Map.of(CrashSettings.DEBUG_SYMBOL_PATH, root.toString()));
        assertEquals(Optional.of(vmlinux), matcher.find(new KernelIdentity(Optional.of(RELEASE), Optional.of(id)), dump())
                .vmlinux());
        KernelMatch other = matcher.find(new KernelIdentity(Optional.of(RELEASE), Optional.of("00112233445566778899")), dump());
        assertEquals(Optional.empty(), other.vmlinux());
        assertTrue(other.rejected().get(0).contains("has build-id " + id), other.rejected().toString());
    }
}
