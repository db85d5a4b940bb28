package io.dynamicmcp.transport.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets clients present as {@code Authorization: Bearer <token>}, each the credential of one identity. A
 * client's identity is {@code token:} followed by a keyed hash of its token (HMAC-SHA256 under a key made at start-up):
 * the same token is the same identity for the life of the process, and the identity neither contains nor reveals the
 * token. Never printed.
 */
final class BearerTokens {

    /** Shortest token accepted: guessing 16 random characters is out of reach. */
    static final int MIN_LENGTH = 16;

    private static final String PREFIX = "Bearer ";
    private static final String IDENTITY_PREFIX = "token:";

    private final List<byte[]> secrets = new ArrayList<>();
    private final List<String> identities = new ArrayList<>();

    BearerTokens(List<String> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no token");
        }
        Mac mac = hmac();
        for (String token : tokens) {
            byte[] secret = token.getBytes(StandardCharsets.UTF_8);
            secrets.add(secret);
            identities.add(IDENTITY_PREFIX + HexFormat.of().formatHex(mac.doFinal(secret), 0, 16));
        }
    }

    int size() {
        return secrets.size();
    }

    /**
     * The identity whose token an {@code Authorization} header carries, if it carries one of these tokens. Compares
     * with every token, in time that does not depend on which one (if any) matched.
     */
    Optional<String> identify(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= PREFIX.length()
                || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        byte[] presented = authorizationHeader.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        int found = -1;
        for (int i = 0; i < secrets.size(); i++) {
            if (MessageDigest.isEqual(secrets.get(i), presented)) {
                found = i;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(identities.get(found));
    }

    private static Mac hmac() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "BearerTokens[" + secrets.size() + " hidden]";
    }
}
