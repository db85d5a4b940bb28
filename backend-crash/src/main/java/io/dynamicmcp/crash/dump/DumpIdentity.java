package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

/**
 * A dump as it is on disk now: its path, size and modification time. What is learnt by reading a dump is kept under
 * its identity, so a dump that is replaced, grows or is rewritten is read again rather than mistaken for the old one.
 */
public record DumpIdentity(Path path, long size, Instant modified) {

    public DumpIdentity {
        path = requireNonNull(path, "path is null").toAbsolutePath().normalize();
        requireNonNull(modified, "modified is null");
    }

    public static DumpIdentity of(Path path, BasicFileAttributes attributes) {
        return new DumpIdentity(path, attributes.size(), attributes.lastModifiedTime().toInstant());
    }

    /** The identity of the file at {@code path} now (symlinks followed); empty if it is gone. */
    public static Optional<DumpIdentity> read(Path path) {
        try {
            return Optional.of(of(path, Files.readAttributes(path, BasicFileAttributes.class)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
