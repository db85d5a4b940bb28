package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The kernel log kdump saves beside a dump: {@code vmcore-dmesg.txt} beside {@code vmcore} (RHEL, and any
 * {@code NAME-dmesg.txt} beside {@code NAME}) or {@code dmesg.STAMP} beside {@code dump.STAMP} (Debian's
 * kdump-tools). Only a regular file that is inside the dump root once symlinks are followed counts.
 */
public final class DmesgFiles {

    private final DumpNames names;

    public DmesgFiles(DumpNames names) {
        this.names = requireNonNull(names, "names is null");
    }

    /** The kernel log beside {@code dump} (a dump's path under the root), if there is one. */
    public Optional<Path> beside(Path dump) {
        String name = dump.getFileName().toString();
        List<String> candidates = name.startsWith("dump.") && name.length() > 5
                ? List.of(name + "-dmesg.txt", "dmesg." + name.substring(5))
                : List.of(name + "-dmesg.txt");
        for (String candidate : candidates) {
            Path file = dump.resolveSibling(candidate);
            if (Files.isRegularFile(file) && names.isInside(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * The text of {@code file}, or when it is longer than {@code maxBytes}, its end from the first line start
     * within the last {@code maxBytes} bytes, after a note saying how much was left out and how to see it all.
     * Bytes that are not UTF-8 become U+FFFD.
     */
    public static String tail(Path file, int maxBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = Math.max(0, size - maxBytes);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read to the end
            }
            byte[] bytes = buffer.array();
            int from = 0;
            if (start > 0) {
                while (from < buffer.position() && bytes[from] != '\n') {
                    from++;
                }
                from = Math.min(from + 1, buffer.position());
            }
            String text = new String(bytes, from, buffer.position() - from, StandardCharsets.UTF_8);
            if (start == 0) {
                return text;
            }
            return "[the first " + (start + from) + " of " + size + " bytes of this kernel log are left out; the whole "
                    + "log is 'log' in a crash session on the dump (crash_command, narrowed with '| grep PATTERN' or "
                    + "tail)]\n" + text;
        }
    }
}
