package io.dynamicmcp.core.config;

import io.dynamicmcp.core.host.StartupException;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
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
        if (!Files.isRegularFile(file)) {
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
}
