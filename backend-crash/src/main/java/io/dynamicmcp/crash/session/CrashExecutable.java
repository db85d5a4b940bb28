package io.dynamicmcp.crash.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How to start crash under a given program name. crash derives its prompt from its program name, so a
 * private, unguessable name gives each session a prompt that no dump content can produce.
 */
@FunctionalInterface
public interface CrashExecutable {

    /**
     * The command line that starts crash with {@code programName} as its program name.
     *
     * @param sessionDirectory a private folder of the session where a link may be created
     */
    List<String> command(Path sessionDirectory, String programName) throws IOException;

    /** The real binary, started through a symlink named {@code programName} in the session's folder. */
    static CrashExecutable symlinkTo(Path binary) {
        return (directory, programName) -> {
            Path link = directory.resolve(programName);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, binary.toAbsolutePath());
            return List.of(link.toString());
        };
    }
}
