package io.dynamicmcp.crash.triage.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InitKilledTest {

    @Test
    void theExitCodeIsAWaitStatus() {
        assertEquals("init exited with status 0 (the init program or script ended)", InitKilled.meaning(0x0));
        assertEquals("init exited with status 1 (the init program or script ended)", InitKilled.meaning(0x100));
        assertEquals("init was killed by SIGSEGV (11)", InitKilled.meaning(0x0b));
        assertEquals("init was killed by SIGABRT (6), core dumped", InitKilled.meaning(0x86));
        assertEquals("init was killed by signal 31 (31)", InitKilled.meaning(0x1f));
    }
}
