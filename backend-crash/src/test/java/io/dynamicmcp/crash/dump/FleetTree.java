package io.dynamicmcp.crash.dump;

import io.dynamicmcp.crash.ZooDumps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A generated dump tree the shape of a fleet's central folder, made of hard links (no copies): with the panic zoo,
 * links to its real dumps (ten kdump-compressed cases, the flattened file and the cut copy); without it, links to a few
 * small files that carry a kdump header and VMCOREINFO. Layouts, in turn: kdump's ssh target
 * ({@code 10.1.H.H-DATE/vmcore.flat}), its NFS target ({@code 10.2.H.H-DATE/vmcore}), a folder per host over
 * kdump-tools' tree ({@code web-H/STAMP/dump.STAMP}) and over a local kdump tree
 * ({@code db-H/127.0.0.1-DATE/vmcore}); every 500th an unfinished ssh copy ({@code vmcore-incomplete}).
 */
public final class FleetTree {

    /** The hosts the dumps come from: each layout spreads its dumps over this many. */
    public static final int HOSTS_PER_LAYOUT = 25;

    private FleetTree() {
    }

    /** Makes {@code count} dumps under {@code root}; returns their names. */
    public static List<String> make(Path root, int count) throws IOException {
        List<Path> dumps = new ArrayList<>();
        Path flat;
        Path cut;
        Optional<Path> zoo = ZooDumps.zoo();
        if (zoo.isPresent()) {
            try (var cases = Files.list(zoo.get().resolve("crash"))) {
                cases.map(c -> c.resolve("vmcore")).filter(Files::isRegularFile).sorted().forEach(dumps::add);
            }
            flat = zoo.get().resolve("fleet").resolve(ZooDumps.FLAT);
            cut = zoo.get().resolve("fleet").resolve(ZooDumps.INCOMPLETE);
        } else {
            Path sources = Files.createDirectories(root.resolveSibling(root.getFileName() + "-sources"));
            for (int i = 0; i < 3; i++) {
                Path dump = Files.write(sources.resolve("vmcore-" + i), ("KDUMP   \0\0\0\0OSRELEASE=6.1.0-" + i
                        + "-fake\nBUILD-ID=00112233445566778899\n").getBytes(StandardCharsets.ISO_8859_1));
                Files.setLastModifiedTime(dump, FileTime.from(Instant.parse("2026-11-22T04:10:00Z").plusSeconds(i)));
                dumps.add(dump);
            }
            byte[] flatBytes = new byte[8192];
            byte[] head = "makedumpfile\0\0\0\0OSRELEASE=6.1.0-0-fake\n".getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(head, 0, flatBytes, 0, head.length);
            cut = Files.write(sources.resolve("cut"), java.util.Arrays.copyOf(flatBytes, 4096));
            java.util.Arrays.fill(flatBytes, flatBytes.length - 16, flatBytes.length, (byte) 0xff);
            flat = Files.write(sources.resolve("flat"), flatBytes);
            Files.setLastModifiedTime(flat, FileTime.from(Instant.parse("2026-11-22T04:00:00Z")));
            Files.setLastModifiedTime(cut, FileTime.from(Instant.parse("2026-11-22T05:00:00Z")));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int host = (i / 4) % HOSTS_PER_LAYOUT;
            String date = String.format(Locale.ROOT, "2026-11-%02d-%02d:%02d:%02d", 1 + (i / 86400) % 28,
                    (i / 3600) % 24, (i / 60) % 60, i % 60);
            String stamp = date.replaceAll("[-:]", "").substring(0, 12);
            String name;
            Path source;
            switch (i % 4) {
                case 0 -> {
                    boolean unfinished = i % 500 == 0;
                    name = "10.1.0." + host + "-" + date + "/" + (unfinished ? "vmcore-incomplete" : "vmcore.flat");
                    source = unfinished ? cut : flat;
                }
                case 1 -> {
                    name = "10.2.0." + host + "-" + date + "/vmcore";
                    source = dumps.get(i % dumps.size());
                }
                case 2 -> {
                    name = "web-" + host + "/" + stamp + "/dump." + stamp;
                    source = dumps.get(i % dumps.size());
                }
                default -> {
                    name = "db-" + host + "/127.0.0.1-" + date + "/vmcore";
                    source = dumps.get(i % dumps.size());
                }
            }
            Path link = root.resolve(name);
            Files.createDirectories(link.getParent());
            Files.createLink(link, source);
            names.add(name);
        }
        return names;
    }
}
