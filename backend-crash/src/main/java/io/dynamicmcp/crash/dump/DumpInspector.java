package io.dynamicmcp.crash.dump;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads what a dump says about itself from a few of its bytes: the format (the first bytes), the kernel (VMCOREINFO,
 * which every format keeps near the start: found within the first {@value #HEAD_BYTES} bytes of kdump-compressed,
 * flattened and ELF dumps, else looked for up to {@link ReleaseReader#SCAN_BYTES}), the crashed machine's host name
 * (a kdump-compressed header's utsname), and whether the file is whole: a makedumpfile flattened file ends with an end
 * marker; an ELF core is as long as its program headers say; makedumpfile flags a dump it could not finish. Never
 * starts a program. Stateless and thread-safe.
 */
public final class DumpInspector {

    static final int HEAD_BYTES = 64 * 1024;

    /** Where the flattened format's first data block starts: after its 4 KiB header. */
    private static final int FLAT_DATA = 4096;
    private static final int FLAT_BLOCK_HEADER = 16;
    /** struct disk_dump_header: utsname.nodename, status and its "incomplete" flag. */
    private static final int NODENAME = 12 + 65;
    private static final int UTS_FIELD = 65;
    private static final int STATUS = 0x1a8;
    private static final int DUMP_DH_COMPRESSED_INCOMPLETE = 0x8;

    public DumpContents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = read(channel, 0, (int) Math.min(HEAD_BYTES, size));
            DumpFormat format = DumpFormat.of(bytes(head, 0, Math.min(16, head.limit())));
            KernelIdentity kernel = ReleaseReader.fromText(latin1(head));
            if (kernel.release().isEmpty() && size > head.limit()) {
                ByteBuffer more = read(channel, 0, (int) Math.min(ReleaseReader.SCAN_BYTES, size));
                KernelIdentity further = ReleaseReader.fromText(latin1(more));
                kernel = new KernelIdentity(further.release(), kernel.buildId().or(further::buildId));
            }
            Optional<ByteBuffer> header = switch (format) {
                case KDUMP_COMPRESSED, DISKDUMP -> Optional.of(head);
                case MAKEDUMPFILE_FLATTENED -> flatFirstBlock(head);
                default -> Optional.empty();
            };
            Optional<String> nodeName = header.flatMap(DumpInspector::nodeName);
            Optional<String> damage = switch (format) {
                case MAKEDUMPFILE_FLATTENED -> flatEnd(channel, size);
                case ELF -> elfExtent(channel, head, size);
                default -> Optional.empty();
            };
            if (damage.isEmpty()) {
                damage = header.flatMap(DumpInspector::incompleteFlag);
            }
            return new DumpContents(format, kernel, nodeName, damage);
        }
    }

    /** The kdump header carried by a flattened file's first data block (written at offset 0 of the dump). */
    private static Optional<ByteBuffer> flatFirstBlock(ByteBuffer head) {
        if (head.limit() < FLAT_DATA + FLAT_BLOCK_HEADER + STATUS + 4) {
            return Optional.empty();
        }
        ByteBuffer big = head.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (big.getLong(FLAT_DATA) != 0) {
            return Optional.empty();
        }
        return Optional.of(head.duplicate().position(FLAT_DATA + FLAT_BLOCK_HEADER).slice());
    }

    private static Optional<String> nodeName(ByteBuffer header) {
        if (header.limit() < NODENAME + UTS_FIELD) {
            return Optional.empty();
        }
        byte[] field = bytes(header, NODENAME, UTS_FIELD);
        int length = 0;
        while (length < field.length && field[length] != 0) {
            if (field[length] < 0x21 || field[length] > 0x7e) {
                return Optional.empty();
            }
            length++;
        }
        String name = new String(field, 0, length, StandardCharsets.US_ASCII);
        return name.isEmpty() || name.equals("(none)") ? Optional.empty() : Optional.of(name);
    }

    private static Optional<String> incompleteFlag(ByteBuffer header) {
        if (header.limit() < STATUS + 4) {
            return Optional.empty();
        }
        ByteBuffer little = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteOrder order = little.getInt(8) > 0 && little.getInt(8) < 100 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int status = header.duplicate().order(order).getInt(STATUS);
        return (status & DUMP_DH_COMPRESSED_INCOMPLETE) != 0
                ? Optional.of("makedumpfile marked it incomplete: it ran out of disk space or was stopped while "
                        + "writing it, so pages are missing (crash may load it with --minimal, or not at all)")
                : Optional.empty();
    }

    private static Optional<String> flatEnd(FileChannel channel, long size) throws IOException {
        if (size >= FLAT_DATA + FLAT_BLOCK_HEADER) {
            ByteBuffer end = read(channel, size - FLAT_BLOCK_HEADER, FLAT_BLOCK_HEADER);
            if (end.getLong(0) == -1 && end.getLong(8) == -1) {
                return Optional.empty();
            }
        }
        return Optional.of("truncated: a makedumpfile flattened file ends with an end marker, and this one ("
                + size + " bytes) does not, so its copy was cut short");
    }

    private static Optional<String> elfExtent(FileChannel channel, ByteBuffer head, long size) throws IOException {
        if (head.limit() < 64) {
            return Optional.empty();
        }
        boolean wide = head.get(4) == 2;
        ByteBuffer elf = head.duplicate().order(head.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long phoff = wide ? elf.getLong(0x20) : Integer.toUnsignedLong(elf.getInt(0x1c));
        int entrySize = Short.toUnsignedInt(elf.getShort(wide ? 0x36 : 0x2a));
        int count = Short.toUnsignedInt(elf.getShort(wide ? 0x38 : 0x2c));
        if (count == 0 || entrySize < (wide ? 56 : 32) || phoff <= 0 || phoff + (long) entrySize * count > size) {
            return count == 0 ? Optional.empty() : Optional.of("truncated: its ELF program headers lie beyond its "
                    + "end (" + size + " bytes)");
        }
        ByteBuffer headers = read(channel, phoff, entrySize * count).order(elf.order());
        long extent = 0;
        for (int i = 0; i < count; i++) {
            int base = i * entrySize;
            long offset = wide ? headers.getLong(base + 0x08) : Integer.toUnsignedLong(headers.getInt(base + 0x04));
            long fileSize = wide ? headers.getLong(base + 0x20) : Integer.toUnsignedLong(headers.getInt(base + 0x10));
            extent = Math.max(extent, offset + fileSize);
        }
        return extent > size
                ? Optional.of("truncated: its ELF program headers describe " + extent + " bytes, and the file has "
                        + size + ", so its copy was cut short")
                : Optional.empty();
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    private static byte[] bytes(ByteBuffer buffer, int from, int length) {
        byte[] bytes = new byte[length];
        buffer.get(from, bytes);
        return bytes;
    }

    private static String latin1(ByteBuffer buffer) {
        return new String(buffer.array(), 0, buffer.limit(), StandardCharsets.ISO_8859_1);
    }
}
