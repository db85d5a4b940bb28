package io.dynamicmcp.crash.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfBuildIdTest {

    @TempDir
    Path folder;

    @Test
    void readsTheGnuBuildIdNoteOfALittleEndianElfFile() throws Exception {
        Path elf = Files.write(folder.resolve("vmlinux"), new TinyElf().section(".text", TinyElf.PROGBITS, new byte[16])
                .buildId("01d2640d3a13145ee314eb05b155f141b7b7058b").bytes());
        assertEquals(Optional.of("01d2640d3a13145ee314eb05b155f141b7b7058b"), ElfBuildId.read(elf));
    }

    @Test
    void noNoteNoElfOrAShortFileGiveNothing() throws Exception {
        assertEquals(Optional.empty(), ElfBuildId.read(Files.write(folder.resolve("plain"),
                new TinyElf().section(".text", TinyElf.PROGBITS, new byte[4]).bytes())));
        assertEquals(Optional.empty(), ElfBuildId.read(Files.writeString(folder.resolve("text"), "not an ELF file at all")));
        assertEquals(Optional.empty(), ElfBuildId.read(Files.write(folder.resolve("short"), new byte[] {0x7f, 'E', 'L', 'F'})));
    }
}
