package io.dynamicmcp.examples.kernelinfo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads files under the {@code /proc} and {@code /sys} roots (the real ones, or a fake tree in tests).
 * Immutable and thread-safe.
 */
final class HostFiles {

    /** procfs files report size 0, so reads go to end of file; this caps a pathological one. */
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final Path proc;
    private final Path sys;

    HostFiles(Path proc, Path sys) {
        this.proc = requireNonNull(proc, "proc is null");
        this.sys = requireNonNull(sys, "sys is null");
    }

    Path proc(String relative) {
        return proc.resolve(relative);
    }

    Path sys(String relative) {
        return sys.resolve(relative);
    }

    /**
     * The text of a file, or empty after adding a line saying why it could not be read to {@code unreadable}.
     */
    Optional<String> read(Path file, List<String> unreadable) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            unreadable.add(file + ": does not exist");
        } catch (IOException | SecurityException e) {
            unreadable.add(file + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The first line of a file, trimmed; empty if unreadable or blank. */
    Optional<String> firstLine(Path file, List<String> unreadable) {
        return read(file, unreadable).map(text -> text.lines().findFirst().orElse("").trim()).filter(s -> !s.isEmpty());
    }
}
