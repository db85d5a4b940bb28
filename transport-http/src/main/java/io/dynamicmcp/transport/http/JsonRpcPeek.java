package io.dynamicmcp.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** What a transport needs to know about a JSON-RPC message before the SDK handles it. */
record JsonRpcPeek(String method, Object id, JsonNode params) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @return the message's method, id and params (each may be null), or null if the body is not JSON
     */
    static JsonRpcPeek of(byte[] body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (json == null || !json.isObject()) {
            return new JsonRpcPeek(null, null, null);
        }
        JsonNode method = json.get("method");
        return new JsonRpcPeek(method != null && method.isTextual() ? method.asText() : null, id(json.get("id")),
                json.get("params"));
    }

    /** A JSON-RPC id as the SDK sees it: a whole number, or text. */
    static Object id(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        return id.isIntegralNumber() ? (Object) id.asLong() : id.asText();
    }

    boolean isRequest() {
        return method != null && id != null;
    }

    /** For {@code notifications/cancelled}: the id of the request to cancel, or null. */
    Object cancelledRequestId() {
        return "notifications/cancelled".equals(method) && params != null ? id(params.get("requestId")) : null;
    }
}
