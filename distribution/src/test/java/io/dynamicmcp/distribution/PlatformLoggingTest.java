package io.dynamicmcp.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.core.logging.HostLoggerFinder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlatformLoggingTest {

    private static final String DECLARATION = "META-INF/services/java.lang.System$LoggerFinder";

    @Test
    void theJvmsLoggerFinderIsTheHosts() {
        assertEquals(HostLoggerFinder.class, System.LoggerFinder.getLoggerFinder().getClass());
    }

    @Test
    void theLauncherJarDeclaresItSoTheSearchEndsThere() throws IOException {
        URL first = ClassLoader.getSystemClassLoader().getResource(DECLARATION);
        assertNotNull(first, "no " + DECLARATION + " on the class path");
        String launcher = Main.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(first.toString().startsWith(launcher) || first.toString().startsWith("jar:" + launcher),
                first + " is not in " + launcher);
        try (InputStream in = first.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.lines().anyMatch(HostLoggerFinder.class.getName()::equals), text);
        }
    }
}
