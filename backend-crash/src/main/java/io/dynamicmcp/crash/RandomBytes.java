package io.dynamicmcp.crash;

import java.security.SecureRandom;

/** Unguessable bytes for ids and tokens, from a {@link SecureRandom} made at first use rather than at start-up. */
public final class RandomBytes {

    private RandomBytes() {
    }

    public static byte[] next(int count) {
        byte[] bytes = new byte[count];
        Holder.RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static final class Holder {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
