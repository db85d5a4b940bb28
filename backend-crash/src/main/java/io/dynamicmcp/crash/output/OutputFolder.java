package io.dynamicmcp.crash.output;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.lang.System.Logger.Level;

/** The private folder stored outputs live in: mode 0700, one file of mode 0600 per output. Thread-safe. */
final class OutputFolder {

    private static final System.Logger LOG = System.getLogger(OutputFolder.class.getName());
    private static final String SUFFIX = ".out";

    private final Path directory;

    private OutputFolder(Path directory) {
        this.directory = directory;
    }

    /** Creates the folder with mode 0700 (or makes it so) and deletes the outputs a previous run left in it. */
    static OutputFolder open(Path directory) throws IOException {
        requireNonNull(directory, "directory is null");
        Files.createDirectories(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        OutputFolder folder = new OutputFolder(directory);
        folder.deleteAll();
        return folder;
    }

    /** A new, empty file of mode 0600 for the output {@code id}. */
    Path create(String id) throws IOException {
        return Files.createFile(directory.resolve(id + SUFFIX),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** Deletes one output's file; a failure is logged. */
    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete stored output {0}: {1}", file, e.toString());
        }
    }

    /** Deletes every output file in the folder; a failure is logged. */
    void deleteAll() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not clean {0}: {1}", directory, e.toString());
        }
    }
}
