package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns a client-supplied {@code dump_name} into a file that is, after following every symlink, inside the
 * dump root. Anything else is refused with a message that does not reveal what exists outside the root.
 */
public final class DumpNames {

    private final Path root;

    public DumpNames(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The name clients use for {@code file}: its path relative to the root. */
    public String nameOf(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString();
    }

    /** Resolves {@code name} (relative to the root, or absolute inside it) to a real, readable regular file. */
    public Path resolve(String name) {
        requireNonNull(name, "name is null");
        if (name.isBlank() || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ToolException("dump_name must be a non-empty file name without control characters; "
                    + "list_crash_dumps shows the names");
        }
        Path lexical;
        try {
            Path given = Path.of(name);
            lexical = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        } catch (InvalidPathException e) {
            throw new ToolException("dump_name '" + name + "' is not a valid path");
        }
        if (!lexical.startsWith(root)) {
            throw outside(name);
        }
        Path real;
        Path realRoot;
        try {
            realRoot = root.toRealPath();
            real = lexical.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ToolException("no dump named '" + name + "' under " + root
                    + "; call list_crash_dumps to see the dumps found there");
        } catch (IOException e) {
            throw new ToolException("cannot open dump '" + name + "': " + e.getMessage());
        }
        if (!real.startsWith(realRoot)) {
            throw outside(name);
        }
        if (!Files.isRegularFile(real)) {
            throw new ToolException("'" + name + "' is not a regular file under " + root
                    + "; call list_crash_dumps to see the dumps found there");
        }
        return real;
    }

    /** Whether {@code file} is inside the root once symlinks are followed. */
    public boolean isInside(Path file) {
        try {
            return file.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private ToolException outside(String name) {
        return new ToolException("dump_name '" + name + "' is outside the dump folder " + root
                + " (CRASH_DUMP_PATH); only dumps under it can be opened. Call list_crash_dumps for the names");
    }
}
