package io.dynamicmcp.crash.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageRecordsTest {

    @TempDir
    Path root;

    @Test
    void aTriagedDumpIsRememberedAcrossRestartsUntilItChanges() throws Exception {
        Path dump = Files.writeString(root.resolve("vmcore"), "dump");
        TriageRecords records = new TriageRecords(root.resolve("state/triage"));
        assertEquals(Optional.empty(), records.find(dump));
        records.record(dump, "null_pointer_dereference", "e2bd2976b414", Optional.of("dmz_zoo_null_deref [dmz_zoo]"));
        TriageRecords.Record found = new TriageRecords(root.resolve("state/triage")).find(dump).orElseThrow();
        assertEquals("e2bd2976b414", found.signature());
        assertEquals("null_pointer_dereference", found.toMap().get("class"));
        assertEquals("dmz_zoo_null_deref [dmz_zoo]", found.toMap().get("culprit"));
        Files.setLastModifiedTime(dump, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals(Optional.empty(), records.find(dump), "a rewritten dump is another dump");
        records.record(dump, "sysrq", "4db0fa68d3da", Optional.empty());
        assertEquals("sysrq", records.find(dump).orElseThrow().failureClass());
        Files.writeString(dump, "a longer dump");
        assertEquals(Optional.empty(), records.find(dump), "another size");
    }

    @Test
    void anUnreadableFileForgetsRatherThanFails() throws Exception {
        Path dump = Files.writeString(root.resolve("vmcore"), "dump");
        Files.createDirectories(root.resolve("triage"));
        Files.writeString(root.resolve("triage/triaged-dumps.json"), "{not json");
        TriageRecords records = new TriageRecords(root.resolve("triage"));
        assertEquals(Optional.empty(), records.find(dump));
        records.record(dump, "oops", "000000000000", Optional.empty());
        assertTrue(new TriageRecords(root.resolve("triage")).find(dump).isPresent());
        assertEquals(Optional.empty(), records.find(root.resolve("gone")));
    }

    @Test
    void theOldestAreForgottenPastTheLimit() throws Exception {
        TriageRecords records = new TriageRecords(root.resolve("triage"));
        Path first = Files.writeString(root.resolve("first"), "x");
        records.record(first, "oops", "000000000000", Optional.empty());
        for (int i = 0; i < TriageRecords.MAX_RECORDS; i++) {
            records.record(Files.writeString(root.resolve("d" + i), "x"), "oops", "000000000000", Optional.empty());
        }
        assertEquals(Optional.empty(), records.find(first));
        assertTrue(records.find(root.resolve("d0")).isPresent());
    }
}
