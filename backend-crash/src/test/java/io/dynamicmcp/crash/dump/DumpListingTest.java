package io.dynamicmcp.crash.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.spi.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Paging, filters and cursors over a generated tree of 10,000 dumps (hard links to the zoo's real dumps). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DumpListingTest {

    private static final int DUMPS = 10_000;

    private Path work;
    private Path root;
    private List<String> names;

    @BeforeAll
    void makeTheTree() throws Exception {
        work = Files.createTempDirectory("crash-fleet-tree");
        root = Files.createDirectories(work.resolve("fleet"));
        names = FleetTree.make(root, DUMPS);
    }

    @AfterAll
    void removeTheTree() throws Exception {
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private DumpLocator locator(boolean remember) {
        DumpNames dumpNames = new DumpNames(root);
        return new DumpLocator(new DumpTree(dumpNames, remember), new DumpInspector(),
                new ReleaseReader(Optional.empty()), new KernelMatcher(List.of(), work.resolve("boot"), remember),
                Duration.ofSeconds(10), remember);
    }

    private static DumpListing listing(DumpLocator locator) {
        return new DumpListing(locator, identity -> Optional.empty());
    }

    @Test
    void pagesCoverEveryDumpOnceNewestFirstAndReadOnlyWhatTheyShow() {
        try (DumpLocator locator = locator(true)) {
            DumpListing listing = listing(locator);
            DumpPage first = listing.page(DumpQuery.ALL, Optional.empty(), 10, ReadBudget.unlimited());
            assertEquals(10, first.dumps().size());
            assertEquals(DUMPS, first.totalFound());
            assertEquals(10, locator.remembered(), "the first page read other dumps than the ten it shows");
            List<DumpFile> all = new ArrayList<>(first.dumps());
            Optional<String> cursor = first.nextCursor();
            while (cursor.isPresent()) {
                DumpPage page = listing.page(DumpQuery.ALL, Optional.of(DumpCursor.decode(cursor.get(), DumpQuery.ALL)),
                        1000, ReadBudget.unlimited());
                all.addAll(page.dumps());
                cursor = page.nextCursor();
            }
            assertEquals(DUMPS, all.size());
            assertEquals(new HashSet<>(names), new HashSet<>(all.stream().map(DumpFile::name).toList()));
            for (int i = 1; i < all.size(); i++) {
                DumpFile before = all.get(i - 1);
                DumpFile after = all.get(i);
                assertTrue(before.modified().isAfter(after.modified()) || before.modified().equals(after.modified())
                        && before.name().compareTo(after.name()) < 0, "out of order: " + before.name() + ", " + after.name());
            }
            assertTrue(all.stream().allMatch(d -> d.pending().isEmpty()));
            assertTrue(all.stream().allMatch(d -> d.host().isPresent()), "a dump without a host");
        }
    }

    @Test
    void layoutsGiveHostsAndStates() {
        try (DumpLocator locator = locator(true)) {
            Map<String, DumpFile> byName = new java.util.HashMap<>();
            for (String name : List.of("10.1.0.0-2026-11-01-00:00:00/vmcore-incomplete",
                    "10.1.0.1-2026-11-01-00:00:04/vmcore.flat", "10.2.0.0-2026-11-01-00:00:01/vmcore",
                    "web-0/202611010000/dump.202611010000", "db-0/127.0.0.1-2026-11-01-00:00:03/vmcore")) {
                byName.put(name, locator.describe(root.resolve(name)).orElseThrow());
            }
            DumpFile cut = byName.get("10.1.0.0-2026-11-01-00:00:00/vmcore-incomplete");
            assertEquals(DumpState.INCOMPLETE, cut.condition().state());
            assertEquals("10.1.0.0", cut.host().orElseThrow().name());
            assertEquals(DumpFormat.MAKEDUMPFILE_FLATTENED, byName.get("10.1.0.1-2026-11-01-00:00:04/vmcore.flat").format());
            assertEquals(DumpState.COMPLETE, byName.get("10.1.0.1-2026-11-01-00:00:04/vmcore.flat").condition().state());
            assertEquals("web-0", byName.get("web-0/202611010000/dump.202611010000").host().orElseThrow().name());
            assertEquals(Optional.of("202611010000"), byName.get("web-0/202611010000/dump.202611010000").folderTime());
            assertEquals("db-0", byName.get("db-0/127.0.0.1-2026-11-01-00:00:03/vmcore").host().orElseThrow().name());
            assertEquals(DumpHost.Source.FOLDER, byName.get("10.2.0.0-2026-11-01-00:00:01/vmcore").host().orElseThrow()
                    .source());
        }
    }

    @Test
    void filtersByHostTimeAndRelease() {
        try (DumpLocator locator = locator(true)) {
            DumpListing listing = listing(locator);
            DumpQuery web3 = new DumpQuery(Optional.of("WEB-3"), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
            DumpPage hosts = listing.page(web3, Optional.empty(), 1000, ReadBudget.unlimited());
            long expected = names.stream().filter(n -> n.startsWith("web-3/")).count();
            assertEquals(expected, hosts.dumps().size());
            assertEquals(expected, hosts.totalMatching().orElseThrow());
            assertTrue(hosts.dumps().stream().allMatch(d -> d.name().startsWith("web-3/")));

            DumpQuery ssh = new DumpQuery(Optional.of("10.1.0.*"), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
            assertEquals(DUMPS / 4, listing.page(ssh, Optional.empty(), 1, ReadBudget.unlimited()).totalMatching()
                    .orElseThrow());

            List<DumpEntry> entries = locator.entries();
            Instant newest = entries.get(0).modified();
            Instant oldest = entries.get(entries.size() - 1).modified();
            assertTrue(newest.isAfter(oldest), "the tree's dumps all have one time");
            DumpQuery recent = new DumpQuery(Optional.empty(), Optional.of(newest), Optional.empty(), Optional.empty(),
                    Optional.empty());
            long atNewest = entries.stream().filter(e -> e.modified().equals(newest)).count();
            assertEquals(atNewest, listing.page(recent, Optional.empty(), 1, ReadBudget.unlimited()).totalMatching()
                    .orElseThrow());
            DumpQuery older = new DumpQuery(Optional.empty(), Optional.empty(), Optional.of(newest.minusNanos(1)),
                    Optional.empty(), Optional.empty());
            assertEquals(DUMPS - atNewest, listing.page(older, Optional.empty(), 1, ReadBudget.unlimited())
                    .totalMatching().orElseThrow());

            String release = listing.page(DumpQuery.ALL, Optional.empty(), 1, ReadBudget.unlimited()).dumps().get(0)
                    .kernel().release().orElseThrow();
            DumpQuery byRelease = new DumpQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(release.substring(0, 3) + "*"), Optional.empty());
            DumpPage released = listing.page(byRelease, Optional.empty(), 20, ReadBudget.unlimited());
            assertEquals(20, released.dumps().size());
            assertTrue(released.totalMatching().isEmpty(), "a release filter cannot count without reading every dump");
            DumpQuery none = new DumpQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("2.6.32"),
                    Optional.empty());
            DumpPage nothing = listing.page(none, Optional.empty(), 20, ReadBudget.of(Duration.ofMillis(200)));
            assertEquals(List.of(), nothing.dumps());
            assertTrue(nothing.stoppedEarly() || nothing.nextCursor().isEmpty(), "a scan that ran out of time said nothing");
        }
    }

    @Test
    void theSignatureFilterAsksTheStoreAndReadsNothing() {
        try (DumpLocator locator = locator(true)) {
            Set<Path> marked = new HashSet<>();
            for (int i = 0; i < DUMPS; i += 97) {
                marked.add(root.resolve(names.get(i)).toAbsolutePath().normalize());
            }
            DumpListing listing = new DumpListing(locator,
                    identity -> marked.contains(identity.path()) ? Optional.of("0123456789ab") : Optional.empty());
            DumpQuery bug = new DumpQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("0123456789ab"));
            DumpPage page = listing.page(bug, Optional.empty(), 1000, ReadBudget.unlimited());
            assertEquals(marked.size(), page.dumps().size());
            assertEquals(marked.size(), page.totalMatching().orElseThrow());
            assertEquals(marked.size(), locator.remembered(), "only the dumps shown were read");
        }
    }

    @Test
    void aCursorContinuesWhereItStoppedWhenNewDumpsAppear() throws Exception {
        try (DumpLocator locator = locator(true)) {
            DumpListing listing = listing(locator);
            DumpPage first = listing.page(DumpQuery.ALL, Optional.empty(), 10, ReadBudget.NONE);
            Path fresh = Files.createDirectories(root.resolve("10.9.9.9-2026-12-01-00:00:00")).resolve("vmcore");
            Files.copy(root.resolve(names.get(1)), fresh);
            try {
                Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().plusSeconds(3600)));
                locator.treeChanged();
                DumpPage second = listing.page(DumpQuery.ALL,
                        Optional.of(DumpCursor.decode(first.nextCursor().orElseThrow(), DumpQuery.ALL)), 10,
                        ReadBudget.NONE);
                assertEquals(DUMPS + 1, second.totalFound());
                Set<String> seen = new HashSet<>(first.dumps().stream().map(DumpFile::name).toList());
                second.dumps().forEach(d -> assertTrue(seen.add(d.name()), "shown twice: " + d.name()));
                assertFalse(seen.contains("10.9.9.9-2026-12-01-00:00:00/vmcore"));
                assertEquals("10.9.9.9-2026-12-01-00:00:00/vmcore", listing.page(DumpQuery.ALL, Optional.empty(), 1,
                        ReadBudget.NONE).dumps().get(0).name());
            } finally {
                Files.delete(fresh);
                Files.delete(fresh.getParent());
            }
        }
    }

    @Test
    void cursorsAreCheckedAgainstTheirFilters() {
        try (DumpLocator locator = locator(true)) {
            String cursor = listing(locator).page(DumpQuery.ALL, Optional.empty(), 5, ReadBudget.NONE).nextCursor()
                    .orElseThrow();
            DumpQuery other = new DumpQuery(Optional.of("web-1"), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
            assertTrue(assertThrows(ToolException.class, () -> DumpCursor.decode(cursor, other)).getMessage()
                    .contains("belongs to a listing with other filters"));
            assertTrue(assertThrows(ToolException.class, () -> DumpCursor.decode("bm90IGEgY3Vyc29y", DumpQuery.ALL))
                    .getMessage().contains("not one this server gave"));
            assertTrue(assertThrows(ToolException.class, () -> DumpCursor.decode("%%%", DumpQuery.ALL))
                    .getMessage().contains("not one this server gave"));
        }
    }

    @Test
    void whatAPageHasNoTimeToReadIsPendingAndReadInTheBackground() throws Exception {
        try (DumpLocator locator = locator(true)) {
            DumpListing listing = listing(locator);
            DumpPage page = listing.page(DumpQuery.ALL, Optional.empty(), 10, ReadBudget.NONE);
            assertTrue(page.dumps().stream().allMatch(d -> d.pending().equals(DumpFile.READ_FIELDS)), page.toString());
            assertTrue(page.dumps().stream().allMatch(d -> d.host().isPresent()), "the host from the folder is known");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            DumpPage again = page;
            while (again.dumps().stream().anyMatch(d -> !d.pending().isEmpty())) {
                assertTrue(System.nanoTime() < deadline, "the background never read the page's dumps");
                Thread.sleep(20);
                again = listing.page(DumpQuery.ALL, Optional.empty(), 10, ReadBudget.NONE);
            }
            assertTrue(again.dumps().stream().allMatch(d -> d.kernel().release().isPresent()));
        }
    }

    @Test
    void withoutTheCacheEveryPageWalksAndReadsWhatItShows() throws Exception {
        try (DumpLocator locator = locator(false)) {
            DumpListing listing = listing(locator);
            DumpPage first = listing.page(DumpQuery.ALL, Optional.empty(), 10, ReadBudget.NONE);
            assertTrue(first.dumps().stream().allMatch(d -> d.pending().isEmpty() && d.kernel().release().isPresent()),
                    "without the cache, a page reads what it shows in the call");
            assertEquals(0, locator.remembered());
            Path fresh = Files.createDirectories(root.resolve("10.9.9.8-2026-12-01-00:00:00")).resolve("vmcore");
            Files.createLink(fresh, root.resolve(names.get(1)));
            try {
                assertEquals(DUMPS + 1, listing.page(DumpQuery.ALL, Optional.empty(), 1, ReadBudget.NONE).totalFound(),
                        "without the cache, a new dump is found without being told");
            } finally {
                Files.delete(fresh);
                Files.delete(fresh.getParent());
            }
        }
    }
}
