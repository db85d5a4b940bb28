package io.dynamicmcp.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Parses output captured from the real bpftrace 0.17 through a pty (CRLF line ends included). */
class OutputParserTest {

    private static List<OutputItem> parse(String resource) throws IOException {
        byte[] bytes;
        try (InputStream in = OutputParserTest.class.getResourceAsStream(resource)) {
            bytes = in.readAllBytes();
        }
        LineSplitter lines = new LineSplitter();
        OutputParser parser = new OutputParser(null);
        List<OutputItem> items = new ArrayList<>();
        List<String> all = new ArrayList<>(lines.accept(bytes));
        all.addAll(lines.flush());
        for (String line : all) {
            OutputItem item = parser.parse(line);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private static Map<String, TraceMap> maps(List<OutputItem> items) {
        return items.stream().filter(i -> i instanceof OutputItem.MapDump).map(i -> ((OutputItem.MapDump) i).map())
                .collect(Collectors.toMap(TraceMap::name, m -> m));
    }

    @Test
    void everyKindOfOutputIsParsed() throws IOException {
        List<OutputItem> items = parse("all-kinds.json.txt");
        assertInstanceOf(OutputItem.Message.class, items.get(0), "the RLIMIT_MEMLOCK line is kept as text");
        assertEquals(new OutputItem.Attached(1), items.get(1));
        assertEquals(new OutputItem.Printed("printf", "hello 42\n"), items.get(2));
        assertEquals(new OutputItem.Printed("value", "5\n"), items.get(3));
        assertEquals("time", ((OutputItem.Printed) items.get(4)).kind());

        Map<String, TraceMap> maps = maps(items);
        assertEquals(List.of("a", "b"), maps.get("@c").entries().stream().map(TraceMap.Entry::key).toList());
        assertEquals(2, maps.get("@c").entries().get(1).value());
        assertEquals(new TraceMap.Stats(2, 6, 12), maps.get("@s").entries().get(0).stats());
        assertNull(maps.get("@s").entries().get(0).key());
        assertEquals(10, maps.get("@avg").entries().get(0).value(), "avg() without keys prints a bare number");
        assertEquals("k", maps.get("@ak").entries().get(0).key());
        assertEquals(4, maps.get("@ak").entries().get(0).value());
        assertEquals("1,x", maps.get("@m").entries().get(0).key());
        assertEquals(List.of(1, "two"), maps.get("@t").entries().get(0).value());
        assertEquals("abc", maps.get("@str").entries().get(0).value());
    }

    @Test
    void histogramsKeepTheirBucketBounds() throws IOException {
        Map<String, TraceMap> maps = maps(parse("all-kinds.json.txt"));
        List<TraceMap.Bucket> h = maps.get("@h").entries().get(0).buckets();
        assertEquals(new TraceMap.Bucket(null, -1L, 1), h.get(0), "negative values: open lower bound");
        assertEquals(new TraceMap.Bucket(0L, 0L, 1), h.get(1));
        assertEquals(new TraceMap.Bucket(4L, 7L, 1), h.get(4));
        assertEquals(new TraceMap.Bucket(64L, 127L, 1), h.get(h.size() - 1));
        assertEquals(4, h.stream().mapToLong(TraceMap.Bucket::count).sum());

        List<TraceMap.Bucket> l = maps.get("@l").entries().get(0).buckets();
        assertEquals(new TraceMap.Bucket(null, -1L, 1), l.get(0));
        assertEquals(new TraceMap.Bucket(10L, 19L, 1), l.get(2));
        assertEquals(new TraceMap.Bucket(100L, null, 1), l.get(l.size() - 1), "above lhist's max: open upper bound");

        TraceMap keyed = maps.get("@hk");
        assertEquals(List.of("1", "2"), keyed.entries().stream().map(TraceMap.Entry::key).toList());
        assertEquals(List.of(new TraceMap.Bucket(8L, 15L, 1)), keyed.entries().get(1).buckets());
    }

    @Test
    void histogramsRenderLikeBpftrace() throws IOException {
        String text = MapRenderer.render(maps(parse("all-kinds.json.txt")).get("@h"));
        assertTrue(text.startsWith("@h:\n"), text);
        assertTrue(text.contains("(..., 0)" + " ".repeat(15) + "1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|"), text);
        assertTrue(text.contains("[4, 8)" + " ".repeat(17) + "1 |"), text);
        assertTrue(text.contains("[2, 4)" + " ".repeat(17) + "0 |" + " ".repeat(52) + "|"), text);
        assertEquals("[1K, 2K)", MapRenderer.label(new TraceMap.Bucket(1024L, 2047L, 3)));
        assertEquals("[100, ...)", MapRenderer.label(new TraceMap.Bucket(100L, null, 3)));
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() throws IOException {
        List<String> messages = parse("bad.json.txt").stream().filter(i -> i instanceof OutputItem.Message)
                .map(i -> ((OutputItem.Message) i).text()).toList();
        List<Diagnostic> diagnostics = Diagnostic.from(messages);
        assertEquals(1, diagnostics.size(), "the harmless RLIMIT_MEMLOCK line is no diagnostic: " + diagnostics);
        assertEquals(new Diagnostic("error", 2, 18, 19, "syntax error, unexpected ;"), diagnostics.get(0));
        assertTrue(messages.contains("kprobe:foo { @ = ; }"), "the source line follows the error: " + messages);
    }

    @Test
    void unsafeBuiltinsAreExplained() throws IOException {
        List<String> messages = parse("unsafe.json.txt").stream().filter(i -> i instanceof OutputItem.Message)
                .map(i -> ((OutputItem.Message) i).text()).toList();
        assertEquals("system() is an unsafe function being used in safe mode", Diagnostic.from(messages).get(0).message());
        String hint = String.join(" ", Hints.explain(messages, false));
        assertTrue(hint.contains("BPFTRACE_ALLOW_UNSAFE=true") && hint.contains("administrator"), hint);
    }

    @Test
    void theScriptPathIsHiddenAndEchoedCtrlCDropped() {
        OutputParser parser = new OutputParser("/state/scripts/bt-1.bt");
        assertEquals(new OutputItem.Message("script:1:2-3: ERROR: x"), parser.parse("/state/scripts/bt-1.bt:1:2-3: ERROR: x\r"));
        assertNull(parser.parse("^C"));
        assertEquals(new OutputItem.Attached(2), parser.parse("^C{\"type\": \"attached_probes\", \"data\": {\"probes\": 2}}"));
        assertEquals(new OutputItem.Message("{not json}"), parser.parse("{not json}"));
    }
}
