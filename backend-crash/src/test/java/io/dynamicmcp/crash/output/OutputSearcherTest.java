package io.dynamicmcp.crash.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.filter.LinePattern;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputSearcherTest {

    @TempDir
    Path temp;

    private OutputStore store;
    private OutputSearcher searcher;

    @BeforeEach
    void open() throws IOException {
        store = OutputStore.open(temp.resolve("outputs"), 4096, 1024 * 1024);
        searcher = new OutputSearcher(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static LinePattern pattern(String regex) {
        return LinePattern.compile("p", regex, false, false, false);
    }

    @Test
    void matchesComeWithTheirContext() {
        CapturedOutput out = OutputStoreTest.capture(store, "s1", "c1", 5000, "line number ");
        OutputMatches found = searcher.search(out.outputId(), "c1", pattern("number (17|4242)$"), 2, 10, 0);
        assertEquals(2, found.matches().size());
        assertTrue(found.complete());
        OutputMatches.Match first = found.matches().get(0);
        assertEquals(17, first.offset());
        assertEquals(List.of("line number 15", "line number 16"), first.before());
        assertEquals(List.of("line number 18", "line number 19"), first.after());
        assertEquals(4242, found.matches().get(1).offset());
    }

    @Test
    void aSearchStoppedAtItsLimitResumesWhereItStopped() {
        CapturedOutput out = OutputStoreTest.capture(store, "s1", "c1", 5000, "line number ");
        OutputMatches limited = searcher.search(out.outputId(), "c1", pattern("7$"), 1, 3, 0);
        assertEquals(List.of(7L, 17L, 27L), limited.matches().stream().map(OutputMatches.Match::offset).toList());
        assertFalse(limited.complete());
        assertEquals(37L, limited.resumeOffset());
        OutputMatches resumed = searcher.search(out.outputId(), "c1", pattern("7$"), 0, 1, limited.resumeOffset());
        assertEquals(37L, resumed.matches().get(0).offset());
    }

    @Test
    void anotherOwnersOutputDoesNotExist() {
        CapturedOutput out = OutputStoreTest.capture(store, "s1", "c1", 2000, "x");
        ToolException e = assertThrows(ToolException.class, () -> searcher.search(out.outputId(), "c2", pattern("x"),
                0, 1, 0));
        assertTrue(e.getMessage().startsWith("no such output"));
    }
}
