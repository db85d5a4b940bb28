package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin tool schemas already found valid against the JSON Schema meta-schema, remembered as their JSON text (one
 * per line) in the user's cache folder, so that a server started again with the same plugins skips the check (the
 * validator costs about 100 ms of start-up). A schema that changed has another text and is checked again. Losing the
 * file costs one check. The text is its own key: exact, where a SHA-256 digest of it cost ~15 ms of start-up (the
 * security providers' set-up and the hash in the interpreter).
 */
final class CheckedSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(CheckedSchemas.class);
    private static final int MAX_CHARS = 1 << 20;

    private final Path file;
    private final Set<String> schemas;
    private boolean changed;

    private CheckedSchemas(Path file, Set<String> schemas) {
        this.file = file;
        this.schemas = schemas;
    }

    /** Reads {@code $XDG_CACHE_HOME/dynamic-mcp/checked-tool-schemas} (or {@code ~/.cache/...}); empty if absent. */
    static CheckedSchemas load() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return load(cache.resolve("dynamic-mcp").resolve("checked-tool-schemas"));
    }

    static CheckedSchemas load(Path file) {
        Set<String> schemas = new LinkedHashSet<>();
        try {
            if (Files.isRegularFile(file)) {
                // read whole, then split: readAllLines, line by line, took ~5 ms longer for ~60 kB in a new JVM
                Files.readString(file, StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{"))
                        .forEach(schemas::add); // not the hex digests an earlier version wrote
            }
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", file, e.toString());
        }
        return new CheckedSchemas(file, schemas);
    }

    /** The key of this schema: its JSON on one line (JSON escapes line breaks inside strings). */
    static String key(McpJsonMapper mapper, Map<String, Object> schema) {
        try {
            return mapper.writeValueAsString(schema);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a tool schema as JSON", e);
        }
    }

    boolean known(String key) {
        return schemas.contains(key);
    }

    void remember(String key) {
        changed |= schemas.add(key);
    }

    /** Writes the schemas back if any was added (atomically; past 1 MiB, the newest kept). */
    void save() {
        if (!changed) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "checked-tool-schemas", ".tmp");
            Files.writeString(temp, newest(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.debug("cannot remember checked schemas in {}: {}", file, e.toString());
        }
    }

    private String newest() {
        List<String> kept = new ArrayList<>(schemas);
        int from = kept.size();
        long chars = 0;
        while (from > 0 && chars + kept.get(from - 1).length() + 1 <= MAX_CHARS) {
            chars += kept.get(--from).length() + 1;
        }
        StringBuilder text = new StringBuilder((int) chars);
        kept.subList(from, kept.size()).forEach(schema -> text.append(schema).append('\n'));
        return text.toString();
    }
}
