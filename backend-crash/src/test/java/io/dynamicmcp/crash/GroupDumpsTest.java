package io.dynamicmcp.crash;

import static io.dynamicmcp.crash.RealDumpTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.DumpInspector;
import io.dynamicmcp.crash.dump.DumpListing;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.crash.dump.DumpNames;
import io.dynamicmcp.crash.dump.DumpTree;
import io.dynamicmcp.crash.dump.FleetTree;
import io.dynamicmcp.crash.dump.KernelMatcher;
import io.dynamicmcp.crash.dump.ReleaseReader;
import io.dynamicmcp.crash.dump.TriageRecords;
import io.dynamicmcp.crash.session.SessionSizing;
import io.dynamicmcp.crash.session.SessionSlots;
import io.dynamicmcp.crash.signature.KnownSignature;
import io.dynamicmcp.crash.signature.TriagedSignatures;
import io.dynamicmcp.crash.signature.SignatureComputer;
import io.dynamicmcp.crash.signature.SignatureQueue;
import io.dynamicmcp.crash.tools.GroupDumpsTool;
import io.dynamicmcp.crash.tools.ListDumpsTool;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolException;
import io.dynamicmcp.spi.ToolResult;
import io.dynamicmcp.testkit.HostedProvider;
import io.dynamicmcp.testkit.TestToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grouping's mechanics over a generated fleet tree (hard links to the zoo's dumps): the background queue, its
 * bound on crash processes and session places, failures, incomplete dumps left out, groups and the signature filter.
 * The signatures here come from each zoo case's answer key (class and culprit), standing in for triage, which a
 * crash process per dump would take minutes for; ZooGroupingTest groups the zoo with the real triage.
 */
class GroupDumpsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DUMPS = 400;

    @TempDir
    Path work;

    private Path zoo;
    private Path root;
    private DumpLocator locator;
    private TriageRecords records;
    private TriagedSignatures store;
    private SessionSlots slots;
    private AnswerKeySignatures computer;
    private SignatureQueue queue;

    /** Signs a dump with its zoo case's answer key, at most {@code max} at once as seen, counting calls. */
    private final class AnswerKeySignatures implements SignatureComputer {

        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public KnownSignature compute(DumpFile dump) throws InterruptedException {
            calls.incrementAndGet();
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
                JsonNode answer = JSON.readTree(caseOf(dump.path()).resolveSibling("answer.json").toFile());
                String culprit = answer.path("culprit_function").asText() + (answer.path("culprit_module").isNull()
                        ? "" : " [" + answer.path("culprit_module").asText() + "]");
                String id = Integer.toHexString((answer.path("class").asText() + "|" + culprit).hashCode());
                return new KnownSignature(id, answer.path("class").asText(), Optional.of(culprit));
            } catch (IOException e) {
                throw new ToolException("no answer key for " + dump.name() + ": " + e.getMessage());
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public Optional<String> unavailable() {
            return Optional.empty();
        }
    }

    /** The zoo case's vmcore that {@code dump} is a link to (the ssh target's copies are null-deref's). */
    private Path caseOf(Path dump) throws IOException {
        try (Stream<Path> cases = Files.list(zoo.resolve("crash"))) {
            for (Path vmcore : cases.map(c -> c.resolve("vmcore")).filter(Files::isRegularFile).toList()) {
                if (Files.isSameFile(vmcore, dump)) {
                    return vmcore;
                }
            }
        }
        if (Files.isSameFile(dump, zoo.resolve("fleet").resolve(ZooDumps.FLAT))) {
            return zoo.resolve("crash/null-deref/vmcore");
        }
        throw new IOException(dump + " links to no zoo case");
    }

    @BeforeEach
    void makeTheTree() throws Exception {
        Optional<Path> found = ZooDumps.zoo();
        Assumptions.assumeTrue(found.isPresent(), ZooDumps.MISSING);
        zoo = found.get();
        root = Files.createDirectories(work.resolve("fleet"));
        FleetTree.make(root, DUMPS);
        locator = new DumpLocator(new DumpTree(new DumpNames(root), true), new DumpInspector(),
                new ReleaseReader(Optional.empty()), new KernelMatcher(List.of(), work.resolve("boot")),
                Duration.ofSeconds(10), true);
        records = new TriageRecords(work.resolve("state/triage"));
        store = new TriagedSignatures(records);
        slots = new SessionSlots(SessionSizing.configured(4), 4);
        computer = new AnswerKeySignatures();
        queue = new SignatureQueue(store, computer, slots, locator, 2);
    }

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
            locator.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void dumpsOfOneBugGroupTogetherAndTheRestApart() throws Exception {
        Tool group = new GroupDumpsTool(locator, store, queue, root).tool();
        Map<String, Object> first = ok(call(group, Map.of("compute", false)));
        assertEquals(0, first.get("signed"));
        assertEquals(0, first.get("waiting"));
        assertEquals(DUMPS - 1, first.get("unsigned"));
        assertEquals(1, first.get("not_complete"), "the unfinished ssh copy is left out");
        assertEquals(0, computer.calls.get(), "compute=false set crash to work");

        Map<String, Object> all = ok(call(group, Map.of("wait", 600)));
        OutputSchemaCheck.assertMatches(group, all);
        assertEquals(DUMPS - 1, all.get("signed"), all.toString());
        assertEquals(0, all.get("waiting"));
        assertEquals(DUMPS - 1, computer.calls.get(), "a dump was signed twice, or not at all");
        assertTrue(computer.most.get() <= 2, "more crash processes at once than workers: " + computer.most.get());
        List<Map<String, Object>> groups = (List<Map<String, Object>>) all.get("groups");
        assertEquals(9, groups.size(), "ten cases, null-deref and null-deref-again one bug: " + groups);
        Map<String, Object> nullDeref = groups.get(0);
        assertEquals("null_pointer_dereference", nullDeref.get("class"));
        assertEquals("dmz_zoo_null_deref [dmz_zoo]", nullDeref.get("culprit"));
        long linksToNullDeref = 0;
        for (DumpFile dump : locator.entries().stream().map(e -> locator.describe(e.path()).orElseThrow()).toList()) {
            if (dump.condition().complete() && caseOf(dump.path()).getParent().getFileName().toString()
                    .startsWith("null-deref")) {
                linksToNullDeref++;
            }
        }
        assertEquals(linksToNullDeref, ((Number) nullDeref.get("dumps")).longValue());
        assertTrue(((Number) nullDeref.get("hosts")).intValue() > 12, nullDeref.toString());
        ToolResult text = call(group, Map.of());
        assertTrue(text.text().contains(nullDeref.get("dumps") + " dump(s) from " + nullDeref.get("hosts")
                + " host(s) share one bug: null_pointer_dereference in dmz_zoo_null_deref [dmz_zoo]"), text.text());

        Tool list = new ListDumpsTool(new DumpListing(locator, id -> store.find(id).map(KnownSignature::id)), root,
                records).tool();
        Map<String, Object> listed = ok(call(list, Map.of("signature", nullDeref.get("signature"), "max_dumps", 1000)));
        assertEquals(nullDeref.get("dumps"), ((List<?>) listed.get("dumps")).size());
        assertEquals(nullDeref.get("dumps"), listed.get("total_matching"));

        Map<String, Object> web3 = ok(call(group, Map.of("host", "web-3")));
        assertEquals(DUMPS / 4 / FleetTree.HOSTS_PER_LAYOUT, web3.get("considered"));
    }

    @Test
    void backgroundWorkWaitsForAFreePlaceAndNeverTakesAClientsLast() throws Exception {
        SessionSlots one = new SessionSlots(SessionSizing.configured(1), 4);
        one.acquire(Duration.ZERO, CallCancellation.trigger(), place -> { });
        try (SignatureQueue waiting = new SignatureQueue(store, computer, one, locator, 2)) {
            Tool group = new GroupDumpsTool(locator, store, waiting, root).tool();
            Map<String, Object> asked = ok(call(group, Map.of("host", "web-3")));
            assertEquals(DUMPS / 4 / FleetTree.HOSTS_PER_LAYOUT, asked.get("waiting"));
            Thread.sleep(1500);
            assertEquals(0, computer.calls.get(), "background work took the place a client holds");
            one.release();
            Map<String, Object> done = ok(call(group, Map.of("host", "web-3", "wait", 600)));
            assertEquals(DUMPS / 4 / FleetTree.HOSTS_PER_LAYOUT, done.get("signed"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDumpThatCannotBeSignedSaysWhyAndIsNotTriedAgain() throws Exception {
        Path stray = Files.createDirectories(root.resolve("10.9.9.9-2026-11-30-00:00:00")).resolve("vmcore");
        Files.copy(zoo.resolve("crash/bug/vmcore"), stray);
        Files.setLastModifiedTime(stray, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        Tool group = new GroupDumpsTool(locator, store, queue, root).tool();
        Map<String, Object> answer = ok(call(group, Map.of("host", "10.9.9.9", "wait", 600)));
        assertEquals(1, answer.get("failed"));
        List<Map<String, Object>> failures = (List<Map<String, Object>>) answer.get("failures");
        assertTrue(((String) failures.get(0).get("reason")).contains("links to no zoo case"), failures.toString());
        int calls = computer.calls.get();
        ok(call(group, Map.of("host", "10.9.9.9", "wait", 5)));
        assertEquals(calls, computer.calls.get(), "a failed dump was tried again while unchanged");
        assertFalse(queue.waiting(locator.entries().get(0).identity()));
    }

    /** Calls the tool as the host would: a successful result must match its output schema. */
    private static ToolResult call(Tool tool, Map<String, Object> arguments) {
        ToolResult result;
        try {
            result = tool.handler().call(new TestToolCall(tool.name(), arguments));
        } catch (ToolException e) {
            return ToolResult.error(e.getMessage());
        }
        if (!result.isError()) {
            HostedProvider.assertMatchesOutputSchema(tool, result.structured().orElseThrow());
        }
        return result;
    }
}
