package io.dynamicmcp.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class HostLoggerFinderTest {

    @Test
    void isTheJvmsLoggerFinder() {
        assertTrue(System.LoggerFinder.getLoggerFinder() instanceof HostLoggerFinder,
                System.LoggerFinder.getLoggerFinder().getClass().getName());
    }

    @Test
    void aPluginsLoggersAreNamedAfterItsProvider() throws Exception {
        try (URLClassLoader plugin = new URLClassLoader("plugin:crash", new URL[0], null)) {
            HostLoggerFinder.nameAfterProvider(plugin, "crash");
            System.Logger logger = new HostLoggerFinder().getLogger("io.x.Session", plugin.getUnnamedModule());
            assertEquals("crash/io.x.Session", logger.getName());
        }
        System.Logger host = new HostLoggerFinder().getLogger("io.x.Host", getClass().getModule());
        assertEquals("io.x.Host", host.getName());
    }
}
