package io.dynamicmcp.crash.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.ZooDumps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the inspector reads from the zoo's real dumps, and from headers made here for what the zoo has not. */
class DumpInspectorTest {

    @TempDir
    Path work;

    private final DumpInspector inspector = new DumpInspector();

    private static Path zoo() {
        Optional<Path> zoo = ZooDumps.zoo();
        Assumptions.assumeTrue(zoo.isPresent(), ZooDumps.MISSING);
        return zoo.get();
    }

    private static String release(Path zoo) throws IOException {
        return Files.readString(zoo.resolve("RELEASE")).strip();
    }

    @Test
    void aKdumpCompressedDumpNamesItsKernelFromVmcoreinfo() throws IOException {
        Path zoo = zoo();
        DumpContents contents = inspector.read(zoo.resolve("crash/null-deref/vmcore"));
        assertEquals(DumpFormat.KDUMP_COMPRESSED, contents.format());
        assertEquals(Optional.of(release(zoo)), contents.kernel().release());
        assertTrue(contents.kernel().buildId().isPresent());
        assertEquals(Optional.empty(), contents.nodeName(), "QEMU leaves the header's utsname empty");
        assertEquals(Optional.empty(), contents.damage());
    }

    @Test
    void theSshTargetsFlattenedFileIsReadThroughItsFirstBlockAndEndsWithItsMarker() throws IOException {
        Path zoo = zoo();
        DumpContents flat = inspector.read(zoo.resolve("fleet").resolve(ZooDumps.FLAT));
        assertEquals(DumpFormat.MAKEDUMPFILE_FLATTENED, flat.format());
        assertEquals(Optional.of(release(zoo)), flat.kernel().release());
        assertEquals(inspector.read(zoo.resolve("crash/null-deref/vmcore")).kernel(), flat.kernel());
        assertEquals(Optional.empty(), flat.damage());

        DumpContents cut = inspector.read(zoo.resolve("fleet").resolve(ZooDumps.INCOMPLETE));
        assertEquals(DumpFormat.MAKEDUMPFILE_FLATTENED, cut.format());
        assertEquals(Optional.of(release(zoo)), cut.kernel().release(), "VMCOREINFO is in the half that arrived");
        assertTrue(cut.damage().orElseThrow().startsWith("truncated: a makedumpfile flattened file ends with an end "
                + "marker"), cut.damage().toString());
    }

    @Test
    void makedumpfilesHeaderGivesTheHostNameAndItsIncompleteFlag() throws IOException {
        Path zoo = zoo();
        byte[] head;
        try (InputStream in = Files.newInputStream(zoo.resolve("crash/null-deref/vmcore"))) {
            head = in.readNBytes(64 * 1024);
        }
        byte[] name = "web-07.example.org".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, head, 12 + 65, name.length);
        Path named = work.resolve("named");
        Files.write(named, head);
        assertEquals(Optional.of("web-07.example.org"), inspector.read(named).nodeName());
        assertEquals(Optional.empty(), inspector.read(named).damage());

        ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1a8, 0x1 | 0x8);
        Path flagged = work.resolve("flagged");
        Files.write(flagged, head);
        assertTrue(inspector.read(flagged).damage().orElseThrow().startsWith("makedumpfile marked it incomplete"));
    }

    @Test
    void anElfCoreShorterThanItsProgramHeadersSayIsTruncated() throws IOException {
        ByteBuffer elf = ByteBuffer.allocate(64 + 2 * 56 + 4096).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        elf.putShort(0x10, (short) 4).putShort(0x12, (short) 62).putLong(0x20, 64);
        elf.putShort(0x36, (short) 56).putShort(0x38, (short) 2);
        elf.putInt(64, 4).putLong(64 + 0x08, 176).putLong(64 + 0x20, 96);
        elf.putInt(120, 1).putLong(120 + 0x08, 4096).putLong(120 + 0x20, 1 << 20);
        Path core = work.resolve("vmcore");
        Files.write(core, elf.array());
        DumpContents contents = inspector.read(core);
        assertEquals(DumpFormat.ELF, contents.format());
        assertEquals(Optional.of("truncated: its ELF program headers describe " + (4096 + (1 << 20)) + " bytes, and "
                + "the file has " + elf.capacity() + ", so its copy was cut short"), contents.damage());
        elf.putLong(120 + 0x20, 64);
        Files.write(core, elf.array());
        assertEquals(Optional.empty(), inspector.read(core).damage());
    }

    @Test
    void aFileWithoutVmcoreinfoNamesNoKernel() throws IOException {
        Path text = Files.writeString(work.resolve("vmcore"), "not a dump\n");
        DumpContents contents = inspector.read(text);
        assertEquals(DumpFormat.UNKNOWN, contents.format());
        assertEquals(KernelIdentity.UNKNOWN, contents.kernel());
        Path empty = Files.write(work.resolve("empty"), new byte[0]);
        assertEquals(DumpFormat.UNKNOWN, inspector.read(empty).format());
    }
}
