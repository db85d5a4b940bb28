package io.dynamicmcp.transport.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The shared secret clients present as {@code Authorization: Bearer <token>}. Never printed. */
final class BearerToken {

    /** Shortest token accepted: guessing 16 random characters is out of reach. */
    static final int MIN_LENGTH = 16;

    private static final String PREFIX = "Bearer ";

    private final byte[] secret;

    BearerToken(String secret) {
        requireNonNull(secret, "secret is null");
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an {@code Authorization} header carries this token; compares in constant time. */
    boolean matches(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= PREFIX.length()
                || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] presented = authorizationHeader.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(secret, presented);
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
