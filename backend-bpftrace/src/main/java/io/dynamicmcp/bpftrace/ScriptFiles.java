package io.dynamicmcp.bpftrace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A private folder (0700) for script files (0600): scripts reach bpftrace as a file, never on the command
 * line, so they need no quoting and do not show in {@code ps}. Files are deleted after each run.
 */
final class ScriptFiles {

    private final Path folder;

    ScriptFiles(Path folder) {
        this.folder = folder;
    }

    /** Creates the folder if needed and removes files left by a server that died mid-run. */
    void prepare() {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(folder)) {
                for (Path file : stale) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the script folder " + folder, e);
        }
    }

    Path folder() {
        return folder;
    }

    /** Writes {@code script} to a new 0600 file named after {@code id}. */
    Path write(String id, String script) throws IOException {
        Path file = folder.resolve(id + ".bt");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, script, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    /** A path in the folder for a file bpftrace will write, e.g. the ELF of a dry run. */
    Path scratch(String name) {
        return folder.resolve(name);
    }

    static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: prepare() removes leftovers at the next start
        }
    }
}
