package io.dynamicmcp.crash.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPagerTest {

    @TempDir
    Path temp;

    private OutputStore store;
    private OutputPager pager;

    @BeforeEach
    void open() throws IOException {
        store = OutputStore.open(temp.resolve("outputs"), 4096, 1024 * 1024);
        pager = new OutputPager(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void pagesGiveEveryLineInOrderWithinTheInlineSize() {
        CapturedOutput out = OutputStoreTest.capture(store, "s1", "c1", 5000, "line number ");
        List<String> all = new ArrayList<>();
        Long offset = 0L;
        int pages = 0;
        while (offset != null) {
            OutputPage page = pager.page(out.outputId(), "c1", offset, 700);
            assertEquals(offset, page.offset());
            assertTrue(page.lines().stream().mapToInt(l -> l.length() + 1).sum() <= 4096);
            all.addAll(page.lines());
            offset = page.nextOffset();
            pages++;
        }
        assertEquals(5000, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals("line number " + i, all.get(i));
        }
        assertTrue(pages > 5);
        assertEquals(List.of("line number 3071", "line number 3072"), pager.page(out.outputId(), "c1", 3071, 2).lines());
        assertThrows(ToolException.class, () -> pager.page(out.outputId(), "c1", 5000, 1));
    }
}
