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
public final class DumpQuery {

    public static final DumpQuery ALL =
            new DumpQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** What the tree alone says about an entry. */
    public enum Verdict { PASSES, FAILS, NEEDS_READING }

    private final Optional<String> host;
    private final Optional<Instant> since;
    private final Optional<Instant> until;
    private final Optional<String> release;
    private final Optional<String> signature;
    private final Optional<NamePattern> hostPattern;
    private final Optional<NamePattern> releasePattern;

    public DumpQuery(Optional<String> host, Optional<Instant> since, Optional<Instant> until, Optional<String> release,
            Optional<String> signature) {
        this.host = requireNonNull(host, "host is null");
        this.since = requireNonNull(since, "since is null");
        this.until = requireNonNull(until, "until is null");
        this.release = requireNonNull(release, "release is null");
        this.signature = requireNonNull(signature, "signature is null");
        this.hostPattern = host.map(NamePattern::ignoringCase);
        this.releasePattern = release.map(NamePattern::exact);
    }

    public Optional<String> host() {
        return host;
    }

    public Optional<Instant> since() {
        return since;
    }

    public Optional<Instant> until() {
        return until;
    }

    public Optional<String> release() {
        return release;
    }

    public Optional<String> signature() {
        return signature;
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
        return host.isPresent() || since.isPresent() || until.isPresent() || release.isPresent()
                || signature.isPresent();
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
                return hostPattern.orElseThrow().matches(folder.get()) ? Verdict.PASSES : Verdict.FAILS;
            }
            return Verdict.NEEDS_READING;
        }
        return Verdict.PASSES;
    }

    /** Whether the described dump passes the host and release filters (the signature is checked apart). */
    public boolean passes(DumpFile dump) {
        if (hostPattern.isPresent() && !dump.host().map(h -> hostPattern.get().matches(h.name())).orElse(false)) {
            return false;
        }
        return releasePattern.isEmpty() || dump.kernel().release().map(releasePattern.get()::matches).orElse(false);
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
