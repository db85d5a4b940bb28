package io.dynamicmcp.crash.index;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps the cache within its size: deletes the least recently used indexed copies (a copy's folder is touched each
 * time it is used) until the total fits, never the one just built. A copy still open in a crash session stays
 * readable after it is deleted (Linux keeps an open file until it is closed).
 */
final class IndexEviction {

    private static final System.Logger LOG = System.getLogger(IndexEviction.class.getName());

    private final Path root;
    private final long maxBytes;

    IndexEviction(Path root, long maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    void keep(Path newest) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            list.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")).forEach(entries::add);
        }
        entries.sort(Comparator.comparing(IndexEviction::lastUsed));
        long total = 0;
        for (Path entry : entries) {
            total += size(entry);
        }
        for (Path entry : entries) {
            if (total <= maxBytes) {
                break;
            }
            if (entry.equals(newest)) {
                continue;
            }
            long size = size(entry);
            delete(entry);
            total -= size;
            LOG.log(Level.INFO, "evicted the symbol index {0} ({1} bytes) to stay within {2}", entry.getFileName(), size,
                    IndexSettings.MAX_BYTES);
        }
    }

    private static long lastUsed(Path entry) {
        try {
            return Files.getLastModifiedTime(entry).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long size(Path entry) {
        try (Stream<Path> files = Files.walk(entry)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.readAttributes(file, BasicFileAttributes.class).size();
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete {0}: {1}", folder, e.toString());
        }
    }
}
