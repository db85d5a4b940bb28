package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A client's bpftrace program, with the digest the audit log records. */
record Script(String text, String sha256) {

    /** The longest script a client may send. */
    static final int MAX_LENGTH = 65_536;

    Script {
        requireNonNull(text, "text is null");
        requireNonNull(sha256, "sha256 is null");
    }

    static Script of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return new Script(text, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    int length() {
        return text.length();
    }
}
