package io.dynamicmcp.crash.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DumpLayoutTest {

    private static void assertLayout(String name, String host, String time) {
        DumpLayout layout = DumpLayout.of(name);
        assertEquals(Optional.ofNullable(host), layout.host(), name);
        assertEquals(Optional.ofNullable(time), layout.folderTime(), name);
    }

    @Test
    void kdumpsTargetsNameTheHostInTheDumpsFolder() {
        assertLayout("10.0.0.5-2026-11-22-04:10:01/vmcore.flat", "10.0.0.5", "2026-11-22-04:10:01");
        assertLayout("10.0.0.6-2026-11-22-05:00:00/vmcore-incomplete", "10.0.0.6", "2026-11-22-05:00:00");
        assertLayout("fe80::1-2026-11-22-05:00:00/vmcore", "fe80::1", "2026-11-22-05:00:00");
        assertLayout("db-3.example.org-202611220410/dump.202611220410", "db-3.example.org", "202611220410");
        assertLayout("crash/10.0.0.7-2026-11-22-04:10:01/vmcore", "10.0.0.7", "2026-11-22-04:10:01");
    }

    @Test
    void aFolderPerHostNamesItWhenTheDumpsFolderDoesNot() {
        assertLayout("web-07/127.0.0.1-2026-11-22-04:10:01/vmcore", "web-07", "2026-11-22-04:10:01");
        assertLayout("web-07/202611220410/dump.202611220410", "web-07", "202611220410");
        assertLayout("web-07/var/crash/127.0.0.1-2026-11-22-04:10:01/vmcore", "web-07", "2026-11-22-04:10:01");
        assertLayout("web-07/10.0.0.9-2026-11-22-04:10:01/vmcore", "10.0.0.9", "2026-11-22-04:10:01");
    }

    @Test
    void localTreesAndLooseFiles() {
        assertLayout("127.0.0.1-2026-11-22-04:10:01/vmcore", "127.0.0.1", "2026-11-22-04:10:01");
        assertLayout("202611220410/dump.202611220410", null, "202611220410");
        assertLayout("2026-11-22-04:10/vmcore", null, "2026-11-22-04:10");
        assertLayout("vmcore", null, null);
        assertLayout("old/vmcore", null, null);
    }

    @Test
    void loopbackNames() {
        for (String name : new String[] {"127.0.0.1", "127.1.2.3", "::1", "localhost", "LOCALHOST.localdomain"}) {
            assertEquals(true, DumpLayout.isLoopback(name), name);
        }
        assertEquals(false, DumpLayout.isLoopback("10.0.0.5"));
        assertEquals(false, DumpLayout.isLoopback("web-07"));
    }
}
