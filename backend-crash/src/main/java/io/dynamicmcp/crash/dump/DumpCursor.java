package io.dynamicmcp.crash.dump;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ToolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a listing stopped: the last dump it looked at (its time and name: listings are newest first, then by name) and
 * the filters it ran under. Opaque to clients. A dump that appears later is newer and falls before the cursor, so
 * paging on neither repeats nor skips the dumps that were there.
 */
public record DumpCursor(Instant modified, String name, String filters) {

    private static final String VERSION = "c1";

    public DumpCursor {
        requireNonNull(modified, "modified is null");
        requireNonNull(name, "name is null");
        requireNonNull(filters, "filters is null");
    }

    /** The cursor after {@code entry}, under {@code query}. */
    public static DumpCursor after(DumpEntry entry, DumpQuery query) {
        return new DumpCursor(entry.modified(), entry.name(), fingerprint(query));
    }

    public String encode() {
        String text = String.join("\n", VERSION, Long.toString(modified.getEpochSecond()),
                Integer.toString(modified.getNano()), filters, name);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ToolException when {@code text} is not a cursor this server gave, or was given under other filters
     */
    public static DumpCursor decode(String text, DumpQuery query) {
        List<String> parts;
        try {
            parts = List.of(new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8)
                    .split("\n", 5));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.size() != 5 || !parts.get(0).equals(VERSION)) {
            throw invalid();
        }
        DumpCursor cursor;
        try {
            cursor = new DumpCursor(Instant.ofEpochSecond(Long.parseLong(parts.get(1)), Long.parseLong(parts.get(2))),
                    parts.get(4), parts.get(3));
        } catch (RuntimeException e) {
            throw invalid();
        }
        if (!cursor.filters().equals(fingerprint(query))) {
            throw new ToolException("this cursor belongs to a listing with other filters; pass the same host, since, "
                    + "until, release and signature as the call that gave it, or start again without a cursor");
        }
        return cursor;
    }

    /** Whether {@code entry} comes after this cursor in listing order. */
    public boolean precedes(DumpEntry entry) {
        int byTime = entry.modified().compareTo(modified);
        return byTime < 0 || (byTime == 0 && entry.name().compareTo(name) > 0);
    }

    private static String fingerprint(DumpQuery query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.describe().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static ToolException invalid() {
        return new ToolException("cursor is not one this server gave (pass next_cursor exactly as a listing returned "
                + "it), or start again without a cursor");
    }
}
