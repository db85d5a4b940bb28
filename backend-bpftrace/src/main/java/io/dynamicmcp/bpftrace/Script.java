package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.Arguments;
import io.dynamicmcp.spi.ToolException;
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

    /** The {@code script} argument of a call: at most {@link #MAX_LENGTH} characters, without NUL. */
    static Script fromArgument(Arguments args) {
        String text = args.requiredString("script");
        if (text.length() > MAX_LENGTH) {
            throw new ToolException("argument 'script' is " + text.length() + " characters long; the limit is "
                    + MAX_LENGTH);
        }
        if (text.indexOf('\0') >= 0) {
            throw new ToolException("argument 'script' contains a NUL character; send plain bpftrace source text");
        }
        return of(text);
    }

    int length() {
        return text.length();
    }
}
