package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ToolException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a listing keeps: dumps from a host, modified in a time range, of a kernel release, with a crash signature.
 * Host and release take {@code *} and {@code ?}; the host is compared without regard to case. Host and time are decided
 * from the tree alone (unless the folder names no host); release needs the dump's bytes; signature needs the signature
 * store.
 */
public record DumpQuery(Optional<String> host, Optional<Instant> since, Optional<Instant> until,
        Optional<String> release, Optional<String> signature) {

    public static final DumpQuery ALL =
            new DumpQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** What the tree alone says about an entry. */
    public enum Verdict { PASSES, FAILS, NEEDS_READING }

    public DumpQuery {
        requireNonNull(host, "host is null");
        requireNonNull(since, "since is null");
        requireNonNull(until, "until is null");
        requireNonNull(release, "release is null");
        requireNonNull(signature, "signature is null");
    }

    /**
     * Parses {@code since} and {@code until}: an ISO-8601 instant ({@code 2026-11-22T04:10:00Z}) or a date
     * ({@code 2026-11-22}, its start in UTC).
     *
     * @throws ToolException naming the argument and the accepted forms
     */
    public static Optional<Instant> time(String argument, Optional<String> value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().strip();
        try {
            return Optional.of(text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new ToolException("argument '" + argument + "' must be an ISO-8601 time such as "
                    + "2026-11-22T04:10:00Z, or a date such as 2026-11-22 (its start, UTC); got \"" + text + "\"");
        }
    }

    /** Whether any filter is set. */
    public boolean filters() {
        return !equals(ALL);
    }

    /** What the entry's name, folders and time say. */
    public Verdict fromTree(DumpEntry entry) {
        if (since.isPresent() && entry.modified().isBefore(since.get())) {
            return Verdict.FAILS;
        }
        if (until.isPresent() && entry.modified().isAfter(until.get())) {
            return Verdict.FAILS;
        }
        if (host.isPresent()) {
            Optional<String> folder = entry.layout().host();
            if (folder.isPresent() && !DumpLayout.isLoopback(folder.get())) {
                return NamePattern.ignoringCase(host.get()).matches(folder.get()) ? Verdict.PASSES : Verdict.FAILS;
            }
            return Verdict.NEEDS_READING;
        }
        return Verdict.PASSES;
    }

    /** Whether the described dump passes the host and release filters (the signature is checked apart). */
    public boolean passes(DumpFile dump) {
        if (host.isPresent() && !dump.host().map(h -> NamePattern.ignoringCase(host.get()).matches(h.name()))
                .orElse(false)) {
            return false;
        }
        return release.isEmpty() || dump.kernel().release().map(NamePattern.exact(release.get())::matches)
                .orElse(false);
    }

    /** A short text of the filters, for cursors (a cursor is refused under other filters) and answers. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        host.ifPresent(h -> parts.add("host=" + h));
        since.ifPresent(t -> parts.add("since=" + t));
        until.ifPresent(t -> parts.add("until=" + t));
        release.ifPresent(r -> parts.add("release=" + r));
        signature.ifPresent(s -> parts.add("signature=" + s));
        return String.join(", ", parts);
    }
}
