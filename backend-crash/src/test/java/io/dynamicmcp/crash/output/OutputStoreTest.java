package io.dynamicmcp.crash.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputStoreTest {

    @TempDir
    Path temp;

    private OutputStore store;
    private OutputPager pager;

    @BeforeEach
    void open() throws IOException {
        open(OutputStore.open(temp.resolve("outputs"), 4096, 1024 * 1024));
    }

    private void open(OutputStore opened) {
        store = opened;
        pager = new OutputPager(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static CapturedOutput capture(OutputStore store, String session, String owner, int lines, String prefix) {
        OutputCapture capture = store.begin(session, owner, "test");
        for (int i = 0; i < lines; i++) {
            capture.line(prefix + i);
        }
        capture.end();
        return capture.finish();
    }

    @Test
    void smallOutputsComeBackWhole() {
        CapturedOutput out = capture(store, "s1", "c1", 3, "line ");
        assertEquals("line 0\nline 1\nline 2\n", out.text());
        assertNull(out.outputId());
        assertFalse(out.truncated());
        assertEquals(3, out.totalLines());
        assertEquals(21, out.totalBytes());
        CapturedOutput empty = capture(store, "s1", "c1", 0, "");
        assertEquals("", empty.text());
        assertEquals(0, empty.totalLines());
        assertEquals(0, store.usedBytes());
    }

    @Test
    void largeOutputsGiveHeadMarkerAndTailAndAreStoredPrivately() throws IOException {
        CapturedOutput out = capture(store, "s1", "c1", 5000, "line number ");
        assertTrue(out.truncated());
        assertNotNull(out.outputId());
        assertEquals(5000, out.totalLines());
        assertTrue(out.text().startsWith("line number 0\nline number 1\n"), out.text());
        assertTrue(out.text().endsWith("line number 4999\n"));
        assertTrue(out.text().contains("get_command_output(output_id=\"" + out.outputId() + "\", offset="));
        assertTrue(out.text().contains("search_command_output(output_id=\"" + out.outputId() + "\""));
        assertTrue(out.text().length() <= 4096 + 600, "inline text is " + out.text().length());
        int headLines = (int) out.text().lines().takeWhile(l -> !l.startsWith("[...")).count();
        assertTrue(out.text().contains("offset=" + headLines + ")"), out.text());

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("outputs"))));
        try (Stream<Path> files = Files.list(temp.resolve("outputs"))) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
    }

    @Test
    void anotherOwnersOutputDoesNotExist() {
        CapturedOutput out = capture(store, "s1", "c1", 2000, "x");
        ToolException e = assertThrows(ToolException.class, () -> pager.page(out.outputId(), "c2", 0, 10));
        assertTrue(e.getMessage().startsWith("no such output"));
        assertThrows(ToolException.class, () -> pager.page("out-nonexistent", "c1", 0, 10));
        assertThrows(ToolException.class, () -> pager.page(null, "c1", 0, 10));
    }

    @Test
    void outputsGoWithTheirSessionAndWithTheStore() throws IOException {
        CapturedOutput a = capture(store, "s1", "c1", 2000, "a");
        CapturedOutput b = capture(store, "s2", "c1", 2000, "b");
        assertEquals(2, countFiles());
        store.removeSession("s1");
        assertThrows(ToolException.class, () -> pager.page(a.outputId(), "c1", 0, 1));
        assertEquals("b0", pager.page(b.outputId(), "c1", 0, 1).lines().get(0));
        assertEquals(1, countFiles());

        OutputCapture running = store.begin("s2", "c1", "long");
        for (int i = 0; i < 2000; i++) {
            running.line("r" + i);
        }
        store.removeSession("s2");
        running.line("after");
        CapturedOutput partial = running.finish();
        assertNull(partial.outputId());
        assertTrue(partial.text().contains("its session s2 ended"), partial.text());
        assertEquals(2001, partial.totalLines());
        assertEquals(0, countFiles());
        assertEquals(0, store.usedBytes());

        capture(store, "s3", "c1", 2000, "c");
        store.close();
        store.close();
        assertEquals(0, countFiles());
        assertThrows(IllegalStateException.class, () -> store.begin("s4", "c1", "x"));
    }

    @Test
    void theStoreStaysWithinItsBoundByEvictingTheOldest() throws IOException {
        store.close();
        open(OutputStore.open(temp.resolve("small"), 1024, 20_000));
        CapturedOutput first = capture(store, "s1", "c1", 1000, "first ");
        CapturedOutput second = capture(store, "s1", "c1", 1000, "second ");
        assertTrue(store.usedBytes() <= 20_000, "used " + store.usedBytes());
        assertThrows(ToolException.class, () -> pager.page(first.outputId(), "c1", 0, 1));
        assertEquals("second 0", pager.page(second.outputId(), "c1", 0, 1).lines().get(0));

        CapturedOutput huge = capture(store, "s1", "c1", 5000, "huge ");
        assertTrue(store.usedBytes() <= 20_000);
        assertTrue(huge.text().contains("the output store is full"), huge.text());
        OutputPage last = pager.page(huge.outputId(), "c1", 0, 10);
        assertEquals(5000, last.totalLines());
        assertTrue(last.storedLines() < 5000 && last.storedLines() > 1000, "stored " + last.storedLines());
    }

    @Test
    void leftoversOfAnEarlierRunAreDeleted() throws IOException {
        Path dir = temp.resolve("again");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("out-old.out"), "secret");
        try (OutputStore again = OutputStore.open(dir, 1024, 4096)) {
            assertFalse(Files.exists(dir.resolve("out-old.out")));
            assertEquals(0, again.usedBytes());
        }
    }

    @Test
    void linesHoldingNewlinesCountAsSeveralAndLongLinesAreCutInline() {
        OutputCapture capture = store.begin("s", "c", "x");
        capture.line("a\nb");
        capture.line("y".repeat(3000));
        CapturedOutput out = capture.finish();
        assertEquals(3, out.totalLines());
        assertTrue(out.text().startsWith("a\nb\n"));
        assertTrue(out.text().contains("[line cut: 3000 characters]"), out.text());
    }

    private long countFiles() throws IOException {
        try (Stream<Path> files = Files.list(store == null ? temp : temp.resolve("outputs"))) {
            return files.count();
        }
    }
}
