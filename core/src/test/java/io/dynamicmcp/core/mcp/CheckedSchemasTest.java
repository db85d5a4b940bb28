package io.dynamicmcp.core.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedSchemasTest {

    private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper());

    @TempDir
    Path cache;

    @Test
    void aSchemaRememberedIsKnownToTheNextServerAndAChangedOneIsNot() throws Exception {
        Path file = cache.resolve("dynamic-mcp").resolve("checked-tool-schemas");
        Map<String, Object> schema = Map.of("type", "object", "description", "two\nlines");
        CheckedSchemas first = CheckedSchemas.load(file);
        first.remember(CheckedSchemas.key(MAPPER, schema));
        first.save();

        CheckedSchemas next = CheckedSchemas.load(file);
        assertTrue(next.known(CheckedSchemas.key(MAPPER, schema)));
        assertFalse(next.known(CheckedSchemas.key(MAPPER, Map.of("type", "object", "description", "two lines"))));
        assertEquals(1, Files.readAllLines(file).size(), "one schema, one line");
    }

    @Test
    void digestsAnEarlierVersionWroteAreDroppedAndTheFileKeepsTheNewestMebibyte() throws Exception {
        Path file = cache.resolve("checked-tool-schemas");
        Files.writeString(file, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");
        CheckedSchemas checked = CheckedSchemas.load(file);
        String padding = "x".repeat(100_000);
        for (int i = 0; i < 12; i++) {
            checked.remember(CheckedSchemas.key(MAPPER, Map.of("title", i + padding)));
        }
        checked.save();

        List<String> lines = Files.readAllLines(file);
        assertEquals(10, lines.size(), "12 schemas of ~100 kB: the newest 10 fit in 1 MiB");
        assertTrue(lines.get(0).contains("\"2x") && lines.get(9).contains("\"11x"), "the newest kept, in order");
        assertTrue(lines.stream().allMatch(line -> line.startsWith("{")), "no digest left");
    }
}
