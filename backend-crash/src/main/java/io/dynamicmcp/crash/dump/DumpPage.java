package io.dynamicmcp.crash.dump;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One page of a listing.
 *
 * @param dumps the dumps shown, newest first
 * @param nextCursor where the next page starts; empty on the last page
 * @param totalFound every dump under the root
 * @param totalMatching the dumps that pass the filters, when that is known without reading every dump
 * @param undecided dumps on the way that the filters could not be decided for yet (their release is still being read)
 * @param stoppedEarly whether the page ended before it was full because its time to read dumps ran out
 */
public record DumpPage(List<DumpFile> dumps, Optional<String> nextCursor, int totalFound, OptionalInt totalMatching,
        int undecided, boolean stoppedEarly) {

    public DumpPage {
        dumps = List.copyOf(dumps);
    }
}
