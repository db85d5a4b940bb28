package io.dynamicmcp.crash.index;

import io.dynamicmcp.crash.dump.ElfBuildId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Adds a section to a 64-bit ELF file in place, as {@code objcopy --add-section NAME=FILE --set-section-flags
 * NAME=readonly} does, without rewriting the file: the contents, a section name table with the new name, and a section
 * header table with the new section go at the end, and the ELF header points to them. The old table and names stay
 * in the file, unreferenced. objcopy rewrites all ~600 MB of a vmlinux (3.4 s here, most of it in write calls), where
 * this writes the ~37 MB of a symbol index. The section is neither loaded nor written to (no SHF_ALLOC, no SHF_WRITE),
 * as a debugger's {@code .gdb_index} is.
 */
final class ElfSectionAppender {

    private static final int SHT_PROGBITS = 1;
    private static final int SHT_STRTAB = 3;
    private static final int SECTION_HEADER_SIZE = 64;
    private static final int SHN_LORESERVE = 0xff00;
    private static final int MAX_NAMES = 1 << 20;

    private ElfSectionAppender() {
    }

    /** Appends section {@code name} holding the bytes of {@code contents} to {@code elf}. */
    static void append(Path elf, String name, Path contents) throws IOException {
        try (FileChannel file = FileChannel.open(elf, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel data = FileChannel.open(contents, StandardOpenOption.READ)) {
            ByteBuffer header = ElfBuildId.read(file, 0, 64);
            if (header.getInt(0) != 0x7f454c46 || header.get(4) != 2) { // "\177ELF" (read big-endian), ELFCLASS64
                throw new IOException(elf + " is not a 64-bit ELF file");
            }
            header.order(header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long tableOffset = header.getLong(0x28);
            int entrySize = Short.toUnsignedInt(header.getShort(0x3A));
            int count = Short.toUnsignedInt(header.getShort(0x3C));
            int namesIndex = Short.toUnsignedInt(header.getShort(0x3E));
            if (entrySize != SECTION_HEADER_SIZE || count == 0 || count + 1 >= SHN_LORESERVE || namesIndex >= count) {
                throw new IOException(elf + ": unexpected section header table (entry size " + entrySize + ", "
                        + count + " sections, names in " + namesIndex + ")");
            }
            ByteBuffer table = ElfBuildId.read(file, tableOffset, entrySize * count).order(header.order());
            int namesEntry = namesIndex * entrySize;
            long namesSize = table.getLong(namesEntry + 0x20);
            if (table.getInt(namesEntry + 4) != SHT_STRTAB || namesSize <= 0 || namesSize > MAX_NAMES) {
                throw new IOException(elf + ": unexpected section name table");
            }
            ByteBuffer oldNames = ElfBuildId.read(file, table.getLong(namesEntry + 0x18), (int) namesSize);
            byte[] added = (name + "\0").getBytes(StandardCharsets.US_ASCII);

            long sectionOffset = align(file.size(), 8);
            long sectionSize = data.size();
            long copied = 0;
            while (copied < sectionSize) {
                copied += data.transferTo(copied, sectionSize - copied, file.position(sectionOffset + copied));
            }
            long namesOffset = sectionOffset + sectionSize;
            ByteBuffer names = ByteBuffer.allocate((int) namesSize + added.length).put(oldNames).put(added).flip();
            write(file, namesOffset, names);

            ByteBuffer newTable = ByteBuffer.allocate(entrySize * (count + 1)).order(header.order());
            newTable.put(table.rewind());
            newTable.putLong(namesEntry + 0x18, namesOffset).putLong(namesEntry + 0x20, names.limit());
            int entry = count * entrySize;
            newTable.putInt(entry, (int) namesSize) // sh_name: where the new name starts
                    .putInt(entry + 4, SHT_PROGBITS)
                    .putLong(entry + 0x08, 0) // sh_flags: read only, not loaded
                    .putLong(entry + 0x10, 0) // sh_addr
                    .putLong(entry + 0x18, sectionOffset)
                    .putLong(entry + 0x20, sectionSize)
                    .putLong(entry + 0x30, 1); // sh_addralign; sh_link, sh_info and sh_entsize stay 0
            long newTableOffset = align(namesOffset + names.limit(), 8);
            write(file, newTableOffset, newTable.rewind());

            header.putLong(0x28, newTableOffset).putShort(0x3C, (short) (count + 1));
            write(file, 0, header.rewind());
        }
    }

    private static long align(long offset, int alignment) {
        return (offset + alignment - 1) & -alignment;
    }

    private static void write(FileChannel channel, long offset, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer, offset + buffer.position());
        }
    }
}
