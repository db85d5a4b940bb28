package io.dynamicmcp.transport.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.core.mcp.ProtocolEra;
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

    /** The protocol version the request's {@code params._meta} names, or null. */
    String metaVersion() {
        JsonNode version = params == null ? null : params.path("_meta").path("io.modelcontextprotocol/protocolVersion");
        return version != null && version.isTextual() ? version.asText() : null;
    }

    /** Whether this is a 2026-07-28 request by its own content (see {@link ProtocolEra}). */
    boolean isModern() {
        return isRequest() && ProtocolEra.isModern(method, metaVersion());
    }

    /**
     * The id of the JSON-RPC request that {@code prefix} begins, read without the rest of the body: for answering a
     * request refused before its body was read (too large, unauthorised) with its id.
     *
     * @return the id, or null if the prefix holds none at the top level, or is not JSON
     */
    static Object idOfPrefix(byte[] prefix, int length) {
        try (JsonParser parser = MAPPER.getFactory().createParser(prefix, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(field)) {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        return parser.getLongValue();
                    }
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException truncatedOrNotJson) {
            return null;
        }
    }

    /** For {@code notifications/cancelled}: the id of the request to cancel, or null. */
    Object cancelledRequestId() {
        return "notifications/cancelled".equals(method) && params != null ? id(params.get("requestId")) : null;
    }
}
