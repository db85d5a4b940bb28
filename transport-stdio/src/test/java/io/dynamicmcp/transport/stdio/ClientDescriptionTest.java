package io.dynamicmcp.transport.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientDescriptionTest {

    @Test
    void namesTheClientItsVersionAndProtocol() {
        assertEquals("claude-code 2.1.0 (protocol 2025-06-18)", ClientDescription.of(Map.of("protocolVersion",
                "2025-06-18", "clientInfo", Map.of("name", "claude-code", "version", "2.1.0"))));
    }

    @Test
    void missingOrOddFieldsStillGiveOneLine() {
        assertEquals("(no parameters)", ClientDescription.of(null));
        assertEquals("(unnamed) (protocol ?)", ClientDescription.of(Map.of("clientInfo", "not an object")));
        assertEquals("evil?forged line (protocol x?y)", ClientDescription.of(Map.of("protocolVersion", "x\ny",
                "clientInfo", Map.of("name", "evil\nforged line", "version", 1, "extra", true))));
        assertEquals("a".repeat(100) + "... (protocol p)", ClientDescription.of(Map.of("protocolVersion", "p",
                "clientInfo", Map.of("name", "a".repeat(150)))));
    }
}
