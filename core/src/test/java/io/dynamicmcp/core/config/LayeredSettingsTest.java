package io.dynamicmcp.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.core.host.StartupException;
import io.dynamicmcp.spi.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeredSettingsTest {

    @TempDir
    Path dir;

    @Test
    void flagsBeatEnvironmentWhichBeatsFilesInOrder() throws Exception {
        Path dotEnv = Files.writeString(dir.resolve(".env"), "A=dotenv\nB=dotenv\nC=dotenv\n# comment\nQ=\"quoted value\"\n");
        Path conf = Files.writeString(dir.resolve("conf.env"), "A=conf\nB=conf\nC=conf\nD=conf\n");
        LayeredSettings settings = LayeredSettings.load(Map.of("A", "flag"), Map.of("A", "env", "B", "env"),
                List.of(dotEnv, conf));
        assertEquals("flag", settings.get("A").orElseThrow());
        assertEquals("env", settings.get("B").orElseThrow());
        assertEquals("dotenv", settings.get("C").orElseThrow());
        assertEquals("conf", settings.get("D").orElseThrow());
        assertEquals("quoted value", settings.get("Q").orElseThrow());
        assertTrue(settings.get("MISSING").isEmpty());
    }

    @Test
    void missingFilesAreSkippedAndBlankValuesCountAsUnset() {
        LayeredSettings settings = LayeredSettings.load(Map.of("A", "  "), Map.of("A", "env"),
                List.of(dir.resolve("nope.env")));
        assertEquals("env", settings.get("A").orElseThrow());
    }

    @Test
    void typedAccessorsNameTheKeyAndTheAcceptedForm() {
        LayeredSettings settings = LayeredSettings.of(List.of(Map.of(
                "CRASH_COMMAND_TIMEOUT", "abc", "NEGATIVE", "-5", "GOOD", "120", "FLAG", "maybe", "MANY", "a, b c")));
        InvalidSettingException abc = assertThrows(InvalidSettingException.class,
                () -> settings.seconds("CRASH_COMMAND_TIMEOUT", Duration.ofSeconds(1), 1));
        assertEquals("invalid CRASH_COMMAND_TIMEOUT=abc: expected a whole number of seconds", abc.getMessage());
        assertEquals("CRASH_COMMAND_TIMEOUT", abc.key());
        InvalidSettingException negative = assertThrows(InvalidSettingException.class,
                () -> settings.seconds("NEGATIVE", Duration.ofSeconds(1), 1));
        assertTrue(negative.getMessage().contains("at least 1"), negative.getMessage());
        assertEquals(Duration.ofSeconds(120), settings.seconds("GOOD", Duration.ZERO, 1));
        assertEquals(Duration.ofSeconds(7), settings.seconds("UNSET", Duration.ofSeconds(7), 1));
        assertThrows(InvalidSettingException.class, () -> settings.flag("FLAG", false));
        assertThrows(InvalidSettingException.class, () -> settings.number("GOOD", 1, 1, 100));
        assertEquals(List.of("a", "b", "c"), settings.words("MANY", List.of()));
    }

    @Test
    void aMalformedEnvFileStopsStartUpNamingTheFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.env"), "this line has no equals sign\n");
        StartupException e = assertThrows(StartupException.class, () -> EnvFile.read(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void aFileOfCommentsSetsNothingAndOneSettingAmongCommentsIsRead() throws Exception {
        Path comments = Files.writeString(dir.resolve("comments.env"), "# a comment\r\n\n  \r\n\t\n#A=1");
        assertEquals(Map.of(), EnvFile.read(comments));
        Path oneSetting = Files.writeString(dir.resolve("one.env"), "# a comment\n\nB=two\n");
        assertEquals(Map.of("B", "two"), EnvFile.read(oneSetting));
        for (String malformed : List.of("# fine\nnot a setting\n", "  # a comment only where it starts a line\n")) {
            Path file = Files.writeString(dir.resolve("malformed.env"), malformed);
            assertThrows(StartupException.class, () -> EnvFile.read(file), malformed);
        }
    }
}
