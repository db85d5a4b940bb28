package io.dynamicmcp.crash.dump;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A minimal little-endian ELF64 relocatable file with named sections, for tests of the ELF readers. */
public final class TinyElf {

    public static final int PROGBITS = 1;
    public static final int NOTE = 7;
    public static final int NOBITS = 8;

    private record Section(String name, int type, byte[] data) {
    }

    private final List<Section> sections = new ArrayList<>();

    public TinyElf section(String name, int type, byte[] data) {
        sections.add(new Section(name, type, data));
        return this;
    }

    /** A {@code .modinfo} section of {@code key=value} entries. */
    public TinyElf modinfo(String... entries) {
        return section(".modinfo", PROGBITS, (String.join("\0", entries) + "\0").getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code .note.gnu.build-id} section. */
    public TinyElf buildId(String hex) {
        return section(".note.gnu.build-id", NOTE, note(HexFormat.of().parseHex(hex)));
    }

    /** The note bytes the kernel and the linker write: namesz, descsz, type 3, "GNU\0", the id. */
    public static byte[] note(byte[] id) {
        ByteBuffer note = ByteBuffer.allocate(16 + id.length).order(ByteOrder.LITTLE_ENDIAN);
        note.putInt(4).putInt(id.length).putInt(3).put("GNU\0".getBytes(StandardCharsets.ISO_8859_1)).put(id);
        return note.array();
    }

    public byte[] bytes() {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.write(0);
        List<Integer> nameOffsets = new ArrayList<>();
        for (Section s : sections) {
            nameOffsets.add(names.size());
            names.writeBytes((s.name() + "\0").getBytes(StandardCharsets.ISO_8859_1));
        }
        int shstrName = names.size();
        names.writeBytes(".shstrtab\0".getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        for (Section s : sections) {
            offsets.add(64 + body.size());
            body.writeBytes(s.data());
        }
        int namesOffset = 64 + body.size();
        body.writeBytes(names.toByteArray());
        int count = sections.size() + 2;
        long sectionHeaders = 64 + body.size();
        ByteBuffer file = ByteBuffer.allocate((int) sectionHeaders + 64 * count).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        file.position(16);
        file.putShort((short) 1).putShort((short) 62).putInt(1).putLong(0).putLong(0).putLong(sectionHeaders)
                .putInt(0).putShort((short) 64).putShort((short) 0).putShort((short) 0).putShort((short) 64)
                .putShort((short) count).putShort((short) (count - 1));
        file.position(64);
        file.put(body.toByteArray());
        file.position((int) sectionHeaders + 64);
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            header(file, nameOffsets.get(i), s.type(), offsets.get(i), s.data().length);
        }
        header(file, shstrName, 3, namesOffset, names.size());
        return file.array();
    }

    private static void header(ByteBuffer file, int name, int type, long offset, long size) {
        file.putInt(name).putInt(type).putLong(0).putLong(0).putLong(offset).putLong(size).putInt(0).putInt(0)
                .putLong(1).putLong(0);
    }
}
