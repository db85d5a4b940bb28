package io.dynamicmcp.crash.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutputFilterTest {

    @Test
    void catastrophicBacktrackingGivesUpOnTheLineAndSaysSo() {
        OutputFilter filter = OutputFilter.parse("grep '(.*a){12}x'");
        String evil = "a".repeat(40) + "b";
        List<String> out = Collect.run(filter, List.of("a".repeat(12) + "x", evil, "b"));
        assertEquals("a".repeat(12) + "x", out.get(0));
        assertEquals(2, out.size(), out.toString());
        assertTrue(out.get(1).contains("needed too much work on 1 line"), out.get(1));
        assertEquals(LinePattern.Outcome.TOO_EXPENSIVE,
                LinePattern.compile("test", "(.*a){12}x", false, false, false).test("a".repeat(60) + "b"));
    }

    @Test
    void headTailAndCountsStreamWithoutKeepingEverything() {
        List<String> many = IntStream.range(0, 200_000).mapToObj(i -> "line " + i).toList();
        assertEquals(List.of("line 199998", "line 199999"), Collect.run(OutputFilter.of(null, null, 2), many));
        assertEquals(List.of("line 0"), Collect.run(OutputFilter.of(null, 1, null), many));
        assertEquals(List.of("line 19999"), Collect.run(OutputFilter.of("^line 1\\d{4}$", null, 1), many));
        assertEquals(List.of(), Collect.run(OutputFilter.of(null, 0, null), many));
    }

    @Test
    void tailKeepsItsCharacterBoundAndSaysSo() {
        String big = "x".repeat(1024 * 1024);
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            input.add(i + big);
        }
        List<String> out = Collect.run(OutputFilter.of(null, null, 100), input);
        assertTrue(out.get(0).startsWith("[tail: only the last"), out.get(0));
        assertTrue(out.size() - 1 <= 8, "kept " + (out.size() - 1));
        assertTrue(out.get(out.size() - 1).startsWith("19x"));
    }

    @Test
    void describesItselfInPipeSyntax() {
        assertEquals("", OutputFilter.none().toString());
        assertEquals("| grep 'it'\\''s' | head -n 3 | tail -n 1",
                OutputFilter.of("it's", 3, 1).toString());
    }
}
