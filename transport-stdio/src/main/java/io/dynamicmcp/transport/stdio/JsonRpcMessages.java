package io.dynamicmcp.transport.stdio;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one JSON-RPC message as {@link McpSchema#deserializeJsonRpcMessage} does, in one pass: a request or a
 * notification is made from the parsed map itself, where the SDK converts the map once more through Jackson (over a
 * quarter of the reading thread's time per call). A field of another type than the SDK's records have, and every
 * response, still goes through Jackson, so the result is the SDK's in every case.
 */
final class JsonRpcMessages {

    private JsonRpcMessages() {
    }

    static McpSchema.JSONRPCMessage read(McpJsonMapper mapper, String text) throws IOException {
        Map<?, ?> map = mapper.readValue(text, HashMap.class); // a Class, not a TypeRef: its type is resolved once
        if (map == null) {
            throw new IllegalArgumentException("Cannot deserialize JSONRPCMessage: " + text);
        }
        Object jsonrpc = map.get("jsonrpc");
        Object method = map.get("method");
        boolean plain = (jsonrpc == null || jsonrpc instanceof String) && (method == null || method instanceof String);
        if (map.containsKey("method") && map.containsKey("id")) {
            return plain ? new McpSchema.JSONRPCRequest((String) jsonrpc, (String) method, map.get("id"), map.get("params"))
                    : mapper.convertValue(map, McpSchema.JSONRPCRequest.class);
        }
        if (map.containsKey("method")) {
            return plain ? new McpSchema.JSONRPCNotification((String) jsonrpc, (String) method, map.get("params"))
                    : mapper.convertValue(map, McpSchema.JSONRPCNotification.class);
        }
        if (map.containsKey("result") || map.containsKey("error")) {
            return mapper.convertValue(map, McpSchema.JSONRPCResponse.class);
        }
        throw new IllegalArgumentException("Cannot deserialize JSONRPCMessage: " + text);
    }
}
