package io.dynamicmcp.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.core.config.LayeredSettings;
import io.dynamicmcp.core.host.StartupException;
import io.dynamicmcp.spi.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSettingsTest {

    static HttpSettings read(Map<String, String> values) {
        return HttpSettings.from(LayeredSettings.of(List.of(values)));
    }

    @Test
    void defaultsAreLoopbackPort8080WithoutToken() {
        HttpSettings settings = read(Map.of());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(8080, settings.port());
        assertTrue(settings.tokens().isEmpty());
    }

    @Test
    void aNonLoopbackAddressNeedsAToken() {
        StartupException e = assertThrows(StartupException.class, () -> read(Map.of("HTTP_HOST", "0.0.0.0")));
        assertTrue(e.getMessage().contains("HTTP_AUTH_TOKEN"), e.getMessage());
        assertTrue(read(Map.of("HTTP_HOST", "0.0.0.0", "HTTP_AUTH_TOKEN", "a-long-enough-token")).tokens().isPresent());
    }

    @Test
    void shortTokensAreRefusedWithoutPrintingThem() {
        StartupException e = assertThrows(StartupException.class, () -> read(Map.of("HTTP_AUTH_TOKEN", "secret12")));
        assertFalse(e.getMessage().contains("secret12"), e.getMessage());
    }

    @Test
    void theTokenCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-a-file-0123456789\n");
        BearerTokens tokens = read(Map.of("HTTP_AUTH_TOKEN_FILE", file.toString())).tokens().orElseThrow();
        assertTrue(tokens.identify("Bearer from-a-file-0123456789").isPresent());
        assertTrue(tokens.identify("Bearer from-a-file-012345678").isEmpty());
        assertFalse(tokens.toString().contains("from-a-file"));
        assertThrows(StartupException.class, () -> read(Map.of("HTTP_AUTH_TOKEN_FILE", dir.resolve("missing").toString())));
    }

    @Test
    void aFileOfSeveralTokensGivesEachClientItsOwnIdentity(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokens"), "# one token per client\nalice-0123456789abcdef\n\n"
                + "bob-0123456789abcdefgh\n");
        BearerTokens tokens = read(Map.of("HTTP_AUTH_TOKEN_FILE", file.toString())).tokens().orElseThrow();
        String alice = tokens.identify("Bearer alice-0123456789abcdef").orElseThrow();
        String bob = tokens.identify("bearer bob-0123456789abcdefgh").orElseThrow();
        assertFalse(alice.equals(bob), alice);
        assertEquals(alice, tokens.identify("Bearer alice-0123456789abcdef").orElseThrow(), "not stable");
        assertTrue(alice.startsWith("token:") && !alice.contains("alice") && !alice.contains("0123456789abcdef"), alice);
        assertTrue(tokens.identify("Bearer # one token per client").isEmpty());
        Path duplicate = Files.writeString(dir.resolve("twice"), "same-token-0123456789\nsame-token-0123456789\n");
        assertThrows(StartupException.class, () -> read(Map.of("HTTP_AUTH_TOKEN_FILE", duplicate.toString())));
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing here\n");
        assertThrows(StartupException.class, () -> read(Map.of("HTTP_AUTH_TOKEN_FILE", empty.toString())));
    }

    @Test
    void malformedValuesNameTheKey() {
        assertEquals("HTTP_PORT", assertThrows(InvalidSettingException.class, () -> read(Map.of("HTTP_PORT", "http"))).key());
        assertEquals("HTTP_PORT", assertThrows(InvalidSettingException.class, () -> read(Map.of("HTTP_PORT", "70000"))).key());
        assertEquals("HTTP_MAX_SESSIONS",
                assertThrows(InvalidSettingException.class, () -> read(Map.of("HTTP_MAX_SESSIONS", "0"))).key());
        assertEquals("HTTP_HOST",
                assertThrows(InvalidSettingException.class, () -> read(Map.of("HTTP_HOST", "no.such.host.invalid"))).key());
    }
}
