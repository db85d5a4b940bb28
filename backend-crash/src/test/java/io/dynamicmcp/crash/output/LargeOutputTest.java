package io.dynamicmcp.crash.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.filter.LinePattern;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 50 MB output streams through a capture with bounded heap, and pages and searches correctly. */
class LargeOutputTest {

    private static final long TARGET_BYTES = 50L * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void fiftyMegabytesStreamThroughWithBoundedHeap() throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (OutputStore store = OutputStore.open(temp, OutputStore.DEFAULT_INLINE_BYTES, OutputStore.DEFAULT_STORE_BYTES)) {
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            long peakRetained = 0;
            long start = System.nanoTime();
            OutputCapture capture = store.begin("s", "c", "rd -64 0 999999999");
            String padding = " ".repeat(60) + "ffffffff81000000 deadbeefcafebabe";
            long bytes = 0;
            int lines = 0;
            while (bytes < TARGET_BYTES) {
                String line = String.format("%08d", lines) + padding;
                capture.line(line);
                bytes += line.length() + 1;
                lines++;
                if (lines % 100_000 == 0) {
                    System.gc();
                    peakRetained = Math.max(peakRetained, memory.getHeapMemoryUsage().getUsed() - before);
                }
            }
            CapturedOutput out = capture.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.gc();
            peakRetained = Math.max(peakRetained, memory.getHeapMemoryUsage().getUsed() - before);
            System.out.printf("LargeOutputTest: %d lines, %.1f MiB in %.2f s (%.0f MiB/s, %.0f lines/s);"
                    + " retained heap growth at most %.1f MiB (sampled after GC every 100000 lines)%n",
                    lines, bytes / 1048576.0, seconds, bytes / 1048576.0 / seconds, lines / seconds,
                    peakRetained / 1048576.0);

            assertEquals(lines, out.totalLines());
            assertEquals(bytes, out.totalBytes());
            assertTrue(out.truncated());
            assertTrue(out.text().length() < OutputStore.DEFAULT_INLINE_BYTES + 1024);
            assertTrue(peakRetained < 64L * 1024 * 1024, "heap grew by " + peakRetained);

            int probe = lines - 12_345;
            OutputPage page = new OutputPager(store).page(out.outputId(), "c", probe, 3);
            assertEquals(String.format("%08d", probe) + padding, page.lines().get(0));
            assertEquals(String.format("%08d", probe + 2) + padding, page.lines().get(2));
            OutputPage last = new OutputPager(store).page(out.outputId(), "c", lines - 1, 10);
            assertEquals(1, last.lines().size());
            assertEquals(null, last.nextOffset());

            long searchStart = System.nanoTime();
            OutputMatches found = new OutputSearcher(store).search(out.outputId(), "c",
                    LinePattern.compile("p", "^(00000007|" + String.format("%08d", lines - 2) + ") ", false, false,
                            false), 1, 10, 0);
            System.out.printf("LargeOutputTest: search of all %d lines took %.2f s%n", lines,
                    (System.nanoTime() - searchStart) / 1e9);
            assertEquals(2, found.matches().size());
            assertEquals(7, found.matches().get(0).offset());
            assertEquals(lines - 2, found.matches().get(1).offset());
            assertEquals(1, found.matches().get(1).after().size());
        }
    }
}
