package io.dynamicmcp.transport.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who calls, over HTTP. With tokens configured, a caller is the identity of the token it presents (see
 * {@link BearerTokens}), whatever endpoint and protocol revision it uses. Without one (loopback only), an
 * initialize-era session is its own caller (its unguessable session id is the only credential there is), and every
 * other request — 2026-07-28 requests and REST, which carry no session — is the one caller {@value #ANONYMOUS}.
 */
final class Identities {

    /** The request attribute {@link RequestGuard} puts the token's identity in. */
    static final String TOKEN_ATTRIBUTE = "io.dynamicmcp.tokenIdentity";
    static final String ANONYMOUS = "anonymous";

    private Identities() {
    }

    static Optional<String> token(HttpServletRequest request) {
        return request.getAttribute(TOKEN_ATTRIBUTE) instanceof String identity ? Optional.of(identity) : Optional.empty();
    }

    /** The caller of a request that has no session: 2026-07-28 and REST. */
    static String sessionless(HttpServletRequest request) {
        return token(request).orElse(ANONYMOUS);
    }

    /** The caller of a request in (or opening) an initialize-era session. */
    static String inSession(HttpServletRequest request, String sessionId) {
        return token(request).orElseGet(() -> ofSession(sessionId));
    }

    /** The caller that is one session and nothing else. */
    static String ofSession(String sessionId) {
        return "session:" + sessionId;
    }

    /** The start of a session id, for logs: the whole id is a credential where no token is configured. */
    static String shortened(String sessionId) {
        return sessionId.length() > 8 ? sessionId.substring(0, 8) + "..." : sessionId;
    }

    /** A caller as logs may show it: a session-bound caller only by the start of its session id. */
    static String printable(String caller) {
        return caller.startsWith("session:") ? "session:" + shortened(caller.substring("session:".length())) : caller;
    }
}
