package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.server.HmacRequestStateCodec;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.RequestStateCodec;
import java.security.SecureRandom;

/**
 * Seals the state of 2026-07-28 multi round-trip requests with the SDK's HMAC codec, under a key of this process and
 * bound to the caller, so another caller cannot replay it. The key is made at the first use, not at start-up: none of
 * our tools asks the client for input yet, and a {@link SecureRandom}'s first use costs start-up milliseconds.
 */
final class CallerBoundRequestStates implements RequestStateCodec {

    private final McpJsonMapper jsonMapper;
    private volatile RequestStateCodec codec;

    CallerBoundRequestStates(McpJsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public String seal(McpRequestContext context, String state) {
        return codec().seal(context, state);
    }

    @Override
    public String open(McpRequestContext context, String sealed) {
        return codec().open(context, sealed);
    }

    private RequestStateCodec codec() {
        RequestStateCodec made = codec;
        if (made == null) {
            synchronized (this) {
                if (codec == null) {
                    byte[] key = new byte[32];
                    new SecureRandom().nextBytes(key);
                    codec = HmacRequestStateCodec.builder().key(key).jsonMapper(jsonMapper)
                            .principalExtractor(transport -> transport.get(CallOrigin.CALLER_ID) instanceof String caller
                                    ? caller : "")
                            .build();
                }
                made = codec;
            }
        }
        return made;
    }
}
