package io.dynamicmcp.crash.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.dump.ElfBuildId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A section added to a copy of /usr/bin/true, read back by binutils (readelf, objcopy), which share no code with the
 * appender: the section is there with its contents, the file keeps its build-id and still runs. The real index on the
 * real vmlinux is tested with the real dump (SessionOpeningTest).
 */
class ElfSectionAppenderTest {

    @TempDir
    Path dir;

    @Test
    void binutilsReadTheAddedSectionAndTheProgramStillRuns() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/readelf"))
                && Files.isExecutable(Path.of("/usr/bin/objcopy")),
                "SKIPPED: checking the added section needs readelf and objcopy (apt install binutils)");
        Path elf = Files.copy(Path.of("/usr/bin/true"), dir.resolve("true"));
        byte[] contents = new byte[100_003];
        new Random(7).nextBytes(contents);
        Path section = Files.write(dir.resolve("section"), contents);
        String sectionsBefore = run("readelf", "-S", "-W", elf.toString());

        ElfSectionAppender.append(elf, ".gdb_index", section);

        String sections = run("readelf", "-S", "-W", elf.toString());
        // address 0, any offset, size 100003 (0x186a3), no flags, no link or info, alignment 1
        String added = "\\] \\.gdb_index\\s+PROGBITS\\s+0+ \\p{XDigit}+ 0*186a3 00\\s+0\\s+0\\s+1\\n";
        assertTrue(sections.matches("(?s).*" + added + ".*"), sections);
        assertEquals(count(sectionsBefore) + 1, count(sections), sections);
        run("objcopy", "--dump-section", ".gdb_index=" + dir.resolve("dumped"), elf.toString(),
                dir.resolve("unused").toString());
        assertArrayEquals(contents, Files.readAllBytes(dir.resolve("dumped")));
        assertEquals(ElfBuildId.read(Path.of("/usr/bin/true")), ElfBuildId.read(elf));
        assertTrue(elf.toFile().setExecutable(true));
        assertEquals(0, new ProcessBuilder(elf.toString()).start().waitFor(), "the program no longer runs");
    }

    @Test
    void aFileThatIsNotElfIsRefusedUntouched() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an ELF file\n".repeat(10));
        IOException refused = assertThrows(IOException.class,
                () -> ElfSectionAppender.append(text, ".gdb_index", text));
        assertTrue(refused.getMessage().contains("not a 64-bit ELF file"), refused.getMessage());
        assertEquals("not an ELF file\n".repeat(10), Files.readString(text));
    }

    private static long count(String readelf) {
        return readelf.lines().filter(line -> line.matches("\\s*\\[\\s*\\d+\\].*")).count();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
