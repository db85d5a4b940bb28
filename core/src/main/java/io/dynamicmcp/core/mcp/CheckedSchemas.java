package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin tool schemas already found valid against the JSON Schema meta-schema, remembered by digest in the user's
 * cache folder, so that a server started again with the same plugins skips the check (the validator costs about 100 ms
 * of start-up). A schema that changed has another digest and is checked again. Losing the file costs one check.
 */
final class CheckedSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(CheckedSchemas.class);
    private static final int MAX_REMEMBERED = 4096;

    private final Path file;
    private final Set<String> digests;
    private boolean changed;

    private CheckedSchemas(Path file, Set<String> digests) {
        this.file = file;
        this.digests = digests;
    }

    /** Reads {@code $XDG_CACHE_HOME/dynamic-mcp/checked-tool-schemas} (or {@code ~/.cache/...}); empty if absent. */
    static CheckedSchemas load() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path file = cache.resolve("dynamic-mcp").resolve("checked-tool-schemas");
        Set<String> digests = new LinkedHashSet<>();
        try {
            if (Files.isRegularFile(file)) {
                digests.addAll(Files.readAllLines(file, StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", file, e.toString());
        }
        return new CheckedSchemas(file, digests);
    }

    /** The digest that names this schema: SHA-256 of its JSON. */
    static String digest(McpJsonMapper mapper, Map<String, Object> schema) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(mapper.writeValueAsString(schema).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest a tool schema", e);
        }
    }

    boolean known(String digest) {
        return digests.contains(digest);
    }

    void remember(String digest) {
        changed |= digests.add(digest);
    }

    /** Writes the digests back if any was added (atomically; the newest kept past the limit). */
    void save() {
        if (!changed) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "checked-tool-schemas", ".tmp");
            String text = String.join("\n", digests.stream().skip(Math.max(0, digests.size() - MAX_REMEMBERED)).toList());
            Files.writeString(temp, text + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.debug("cannot remember checked schemas in {}: {}", file, e.toString());
        }
    }
}
