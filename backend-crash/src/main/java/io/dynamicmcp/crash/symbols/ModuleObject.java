package io.dynamicmcp.crash.symbols;

import io.dynamicmcp.crash.dump.ElfBuildId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a module object file ({@code .ko}, {@code .ko.debug}) says about itself: its {@code .modinfo} ({@code name=},
 * {@code vermagic=}, where the file still carries them) and its GNU build-id.
 */
public record ModuleObject(Path path, Map<String, String> modinfo, Optional<String> buildId) {

    private static final int SHT_PROGBITS = 1;
    private static final int MAX_SECTIONS = 65_535;
    private static final int MAX_MODINFO = 1 << 20;

    public ModuleObject {
        modinfo = Map.copyOf(modinfo);
    }

    /** The file's module information; empty when it is not a 64-bit ELF file. */
    public static Optional<ModuleObject> read(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer header = read(channel, 0, 64).order(ByteOrder.LITTLE_ENDIAN);
            if (header.getInt(0) != 0x464c457f || header.get(4) != 2) {
                return Optional.empty();
            }
            header.order(header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            return Optional.of(new ModuleObject(path, modinfo(channel, header), ElfBuildId.read(path)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code name=} of the module information. */
    public Optional<String> name() {
        return Optional.ofNullable(modinfo.get("name"));
    }

    /** The kernel release {@code vermagic=} starts with ({@code 6.1.0-57-cloud-amd64 SMP preempt mod_unload ...}). */
    public Optional<String> vermagicRelease() {
        return Optional.ofNullable(modinfo.get("vermagic")).map(v -> v.strip().split("\\s+")[0]);
    }

    private static Map<String, String> modinfo(FileChannel channel, ByteBuffer header) throws IOException {
        long sectionOffset = header.getLong(0x28);
        int entrySize = Short.toUnsignedInt(header.getShort(0x3A));
        int count = Short.toUnsignedInt(header.getShort(0x3C));
        int names = Short.toUnsignedInt(header.getShort(0x3E));
        Map<String, String> info = new LinkedHashMap<>();
        if (entrySize < 64 || count == 0 || count > MAX_SECTIONS || names >= count) {
            return info;
        }
        ByteBuffer sections = read(channel, sectionOffset, entrySize * count).order(header.order());
        ByteBuffer nameTable = section(channel, sections, entrySize, names, Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            int base = i * entrySize;
            if (sections.getInt(base + 4) == SHT_PROGBITS && ".modinfo".equals(string(nameTable, sections.getInt(base)))) {
                ByteBuffer data = section(channel, sections, entrySize, i, MAX_MODINFO);
                for (String entry : new String(data.array(), 0, data.limit(), StandardCharsets.UTF_8).split("\0")) {
                    int equals = entry.indexOf('=');
                    if (equals > 0) {
                        info.putIfAbsent(entry.substring(0, equals), entry.substring(equals + 1));
                    }
                }
            }
        }
        return info;
    }

    private static ByteBuffer section(FileChannel channel, ByteBuffer sections, int entrySize, int index, int max)
            throws IOException {
        long offset = sections.getLong(index * entrySize + 0x18);
        long size = sections.getLong(index * entrySize + 0x20);
        if (size < 0 || size > Math.min(max, 16 << 20)) {
            return ByteBuffer.allocate(0);
        }
        return read(channel, offset, (int) size);
    }

    private static String string(ByteBuffer table, int offset) {
        if (offset < 0 || offset >= table.limit()) {
            return "";
        }
        int end = offset;
        while (end < table.limit() && table.get(end) != 0) {
            end++;
        }
        return new String(table.array(), offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer read(FileChannel channel, long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("short read");
            }
        }
        buffer.flip();
        return buffer;
    }
}
