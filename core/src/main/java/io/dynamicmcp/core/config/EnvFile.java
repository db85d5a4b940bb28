package io.dynamicmcp.core.config;

import io.dynamicmcp.core.host.StartupException;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code .env} file ({@code KEY=value} lines, comments, quotes) with dotenv-java. */
public final class EnvFile {

    private EnvFile() {
    }

    /** The file's entries; empty when it does not exist. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file) || setsNothing(file)) {
            return Map.of();
        }
        Path absolute = file.toAbsolutePath();
        try {
            Dotenv dotenv = Dotenv.configure()
                    .directory(absolute.getParent().toString())
                    .filename(absolute.getFileName().toString())
                    .load();
            Map<String, String> entries = new LinkedHashMap<>();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                entries.put(entry.getKey(), entry.getValue());
            }
            return entries;
        } catch (DotenvException e) {
            throw new StartupException("cannot read " + absolute + ": " + e.getMessage()
                    + " (expected KEY=value lines)", e);
        }
    }

    /**
     * Whether every line is blank or a comment ({@code #} first, as dotenv-java has it), as in the distribution's
     * own conf/dynamic-mcp.env: such a file is not handed to dotenv-java, whose first use cost ~15 ms of every
     * start. Anything else, unreadable text included, is left to dotenv-java to read or to refuse.
     */
    private static boolean setsNothing(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            if (text.charAt(start) != '#' && !text.substring(start, end).isBlank()) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }
}
