package io.dynamicmcp.crash.dump;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;

/** Reads the GNU build-id note of a 64-bit ELF file (a vmlinux, a module) from its section headers. */
public final class ElfBuildId {

    private static final int SHT_NOTE = 7;
    private static final int NT_GNU_BUILD_ID = 3;
    private static final int MAX_NOTE_SECTION = 1 << 20;

    private ElfBuildId() {
    }

    /** The build-id in hex, if {@code elf} is a 64-bit ELF file with a GNU build-id note. */
    public static Optional<String> read(Path elf) {
        try (FileChannel channel = FileChannel.open(elf, StandardOpenOption.READ)) {
            ByteBuffer header = read(channel, 0, 64);
            if (header.getInt(0) != 0x7f454c46 || header.get(4) != 2) { // "\177ELF" (read big-endian), ELFCLASS64
                return Optional.empty(); // not ELF, or not 64-bit
            }
            header.order(header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long sectionOffset = header.getLong(0x28);
            int entrySize = Short.toUnsignedInt(header.getShort(0x3A));
            int count = Short.toUnsignedInt(header.getShort(0x3C));
            if (entrySize < 64 || count == 0 || count > 4096) {
                return Optional.empty();
            }
            ByteBuffer sections = read(channel, sectionOffset, entrySize * count).order(header.order());
            for (int i = 0; i < count; i++) {
                int base = i * entrySize;
                if (sections.getInt(base + 4) != SHT_NOTE) {
                    continue;
                }
                long offset = sections.getLong(base + 0x18);
                long size = sections.getLong(base + 0x20);
                if (size <= 0 || size > MAX_NOTE_SECTION) {
                    continue;
                }
                Optional<String> id = buildId(read(channel, offset, (int) size).order(header.order()));
                if (id.isPresent()) {
                    return id;
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> buildId(ByteBuffer notes) {
        int pos = 0;
        while (pos + 12 <= notes.limit()) {
            int nameSize = notes.getInt(pos);
            int descSize = notes.getInt(pos + 4);
            int type = notes.getInt(pos + 8);
            int name = pos + 12;
            int desc = name + align(nameSize);
            if (nameSize < 0 || descSize < 0 || desc + descSize > notes.limit()) {
                return Optional.empty();
            }
            if (type == NT_GNU_BUILD_ID && nameSize == 4 && notes.get(name) == 'G' && notes.get(name + 1) == 'N'
                    && notes.get(name + 2) == 'U') {
                byte[] id = new byte[descSize];
                notes.get(desc, id);
                return Optional.of(HexFormat.of().formatHex(id));
            }
            pos = desc + align(descSize);
        }
        return Optional.empty();
    }

    private static int align(int size) {
        return (size + 3) & ~3;
    }

    /** Reads {@code length} bytes of an ELF file at {@code offset}, failing on a file that ends before them. */
    public static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("short ELF file");
            }
        }
        return buffer.flip();
    }
}
