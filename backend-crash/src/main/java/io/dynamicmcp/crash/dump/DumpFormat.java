package io.dynamicmcp.crash.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The container format of a dump file, recognised by its first bytes. */
public enum DumpFormat {
    ELF("ELF core (e.g. /proc/vmcore copied by kdump, or QEMU dump-guest-memory)"),
    KDUMP_COMPRESSED("kdump-compressed (makedumpfile -c/-l/-p, or QEMU dump-guest-memory -z)"),
    DISKDUMP("diskdump"),
    MAKEDUMPFILE_FLATTENED("makedumpfile flattened (convert with makedumpfile -R before use)"),
    UNKNOWN("not a dump format crash is known to read");

    private final String description;

    DumpFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether the first bytes look like a dump at all. */
    public boolean isDump() {
        return this != UNKNOWN;
    }

    /** Reads the first 16 bytes of {@code file}. */
    public static DumpFormat sniff(Path file) throws IOException {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return of(Arrays.copyOf(head, n));
    }

    static DumpFormat of(byte[] head) {
        if (startsWith(head, "\u007fELF")) {
            return ELF;
        }
        if (startsWith(head, "KDUMP   ")) {
            return KDUMP_COMPRESSED;
        }
        if (startsWith(head, "DISKDUMP")) {
            return DISKDUMP;
        }
        if (startsWith(head, "makedumpfile")) {
            return MAKEDUMPFILE_FLATTENED;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] head, String magic) {
        byte[] bytes = magic.getBytes(StandardCharsets.ISO_8859_1);
        return head.length >= bytes.length && Arrays.equals(head, 0, bytes.length, bytes, 0, bytes.length);
    }
}
