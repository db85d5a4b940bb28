package io.dynamicmcp.crash.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DumpConditionTest {

    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    void anUnfinishedNameIsBeingCopiedWhileItChangesAndIncompleteOnceItStops() {
        DumpCondition copying = DumpCondition.of("vmcore-incomplete", NOW.minusSeconds(2), NOW, SETTLE);
        assertEquals(DumpState.BEING_WRITTEN, copying.state());
        assertTrue(copying.reason().orElseThrow().contains("kdump is still copying it"), copying.toString());
        DumpCondition stopped = DumpCondition.of("vmcore-incomplete", NOW.minusSeconds(3600), NOW, SETTLE);
        assertEquals(DumpState.INCOMPLETE, stopped.state());
        assertTrue(stopped.reason().orElseThrow().contains("this copy stopped 3600 s ago unfinished"), stopped.toString());
        assertEquals(DumpState.INCOMPLETE, DumpCondition.of("dump-incomplete", NOW.minusSeconds(60), NOW, SETTLE).state());
    }

    @Test
    void aRecentlyModifiedDumpIsBeingWrittenUntilItSettles() {
        assertEquals(DumpState.BEING_WRITTEN, DumpCondition.of("vmcore", NOW.minusSeconds(9), NOW, SETTLE).state());
        assertEquals(DumpCondition.COMPLETE, DumpCondition.of("vmcore", NOW.minusSeconds(10), NOW, SETTLE));
        assertEquals(DumpCondition.COMPLETE, DumpCondition.of("vmcore", NOW, NOW, Duration.ZERO));
    }

    @Test
    void whatTheBytesSayMakesACompleteLookingDumpIncomplete() {
        DumpCondition cut = DumpCondition.COMPLETE.with(Optional.of("truncated"));
        assertEquals(new DumpCondition(DumpState.INCOMPLETE, Optional.of("truncated")), cut);
        DumpCondition writing = DumpCondition.of("vmcore.flat", NOW, NOW, SETTLE);
        assertEquals(writing, writing.with(Optional.of("truncated")), "a file still being written lacks its end");
        assertEquals(DumpCondition.COMPLETE, DumpCondition.COMPLETE.with(Optional.empty()));
    }
}
