package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A dump's {@link DumpState} and why. kdump's ssh target writes {@code vmcore-incomplete} (kdump-tools:
 * {@code dump-incomplete}) and renames it once the copy is complete; a file modified within the last few seconds is
 * still being written; what the dump's own bytes say (a flattened file without its end marker, an ELF core shorter
 * than its program headers, makedumpfile's "incomplete" flag) is added when the dump is read.
 *
 * @param reason why it is not complete; empty when it is
 */
public record DumpCondition(DumpState state, Optional<String> reason) {

    public static final DumpCondition COMPLETE = new DumpCondition(DumpState.COMPLETE, Optional.empty());

    public DumpCondition {
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
    }

    /** What the name and modification time say, {@code settle} being how long a finished file stays unmodified. */
    public static DumpCondition of(String fileName, Instant modified, Instant now, Duration settle) {
        boolean unfinishedName = fileName.toLowerCase(Locale.ROOT).contains("incomplete");
        long age = Duration.between(modified, now).toSeconds();
        boolean recent = Duration.between(modified, now).compareTo(settle) < 0;
        if (unfinishedName && recent) {
            return new DumpCondition(DumpState.BEING_WRITTEN, Optional.of("kdump is still copying it: it names a dump '"
                    + fileName + "' until the copy is complete, and it was modified " + age + " s ago"));
        }
        if (unfinishedName) {
            return new DumpCondition(DumpState.INCOMPLETE, Optional.of("kdump names a dump '" + fileName + "' while it "
                    + "copies it and renames it once the copy is complete; this copy stopped " + age + " s ago "
                    + "unfinished (the crashed machine rebooted, the network or the disk failed). crash cannot load "
                    + "it; the kernel log saved beside it may still tell what happened"));
        }
        if (recent) {
            return new DumpCondition(DumpState.BEING_WRITTEN, Optional.of("it was modified " + age + " s ago and may "
                    + "still be growing; open it once it has not changed for " + settle.toSeconds() + " s"));
        }
        return COMPLETE;
    }

    /** This condition, or {@code INCOMPLETE} for {@code damage} (what the dump's bytes say) when it seemed complete. */
    public DumpCondition with(Optional<String> damage) {
        if (damage.isEmpty() || state != DumpState.COMPLETE) {
            return this;
        }
        return new DumpCondition(DumpState.INCOMPLETE, damage);
    }

    public boolean complete() {
        return state == DumpState.COMPLETE;
    }
}
