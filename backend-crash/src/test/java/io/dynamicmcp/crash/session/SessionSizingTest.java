package io.dynamicmcp.crash.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SessionSizingTest {

    private static final long MIB = 1L << 20;
    private static final String MEMINFO = """
            MemTotal:       24683520 kB
            MemFree:        20058588 kB
            MemAvailable:   23000000 kB
            Buffers:          112036 kB
            """;

    @Test
    void theAvailableMemoryLessTheServersShareIsDividedBySessions() {
        SessionSizing sizing = SessionSizing.of(MEMINFO, OptionalLong.empty(), 400 * MIB);
        assertEquals((23_000_000L * 1024 - 512 * MIB) / (400 * MIB), sizing.sessions());
        assertEquals(54, sizing.sessions());
        assertTrue(sizing.basis().startsWith("MemAvailable 22460 MiB less 512 MiB for the server, 400 MiB per session"),
                sizing.basis());
    }

    @Test
    void aLowerControlGroupLimitWins() {
        SessionSizing sizing = SessionSizing.of(MEMINFO, OptionalLong.of(2048 * MIB), 400 * MIB);
        assertEquals(3, sizing.sessions());
        assertTrue(sizing.basis().startsWith("the control group's memory.max 2048 MiB"), sizing.basis());
        assertEquals(54, SessionSizing.of(MEMINFO, OptionalLong.of(1L << 40), 400 * MIB).sessions());
    }

    @Test
    void withoutMemAvailableMemTotalCounts() {
        SessionSizing sizing = SessionSizing.of("MemTotal:        4194304 kB\n", OptionalLong.empty(), 400 * MIB);
        assertEquals(8, sizing.sessions());
        assertTrue(sizing.basis().startsWith("MemTotal 4096 MiB"), sizing.basis());
    }

    @Test
    void theRuleStaysBetweenOneAndItsMaximum() {
        assertEquals(1, SessionSizing.of("MemAvailable: 300000 kB\n", OptionalLong.empty(), 400 * MIB).sessions());
        SessionSizing big = SessionSizing.of("MemAvailable: 1073741824 kB\n", OptionalLong.empty(), 400 * MIB);
        assertEquals(SessionSizing.MAX_DEFAULT, big.sessions());
        assertTrue(big.basis().contains("unless CRASH_MAX_SESSIONS says more"), big.basis());
        assertEquals(1, SessionSizing.of("", OptionalLong.empty(), 400 * MIB).sessions());
    }

    @Test
    void thisMachineGivesAtLeastOne() {
        SessionSizing sizing = SessionSizing.fromMachine(400 * MIB);
        assertTrue(sizing.sessions() >= 1 && sizing.sessions() <= SessionSizing.MAX_DEFAULT, sizing.toString());
        assertTrue(sizing.basis().contains("MiB"), sizing.basis());
    }
}
