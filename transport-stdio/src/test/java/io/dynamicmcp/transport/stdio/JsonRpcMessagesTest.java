package io.dynamicmcp.transport.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRpcMessagesTest {

    private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper());

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"crash_command\","
                + "\"arguments\":{\"session_id\":\"s\",\"command\":\"p jiffies\",\"n\":[1,2.5,true,null,{\"x\":{}}]}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":12345678901234,\"method\":\"ping\",\"params\":{}}",
        "{\"id\":3,\"method\":\"ping\",\"jsonrpc\":\"2.0\",\"extra\":\"ignored\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7,\"reason\":\"x\"}}",
        "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"roots\":[]}}",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32601,\"message\":\"no\"}}",
    })
    void readsWhatTheSdkReads(String text) throws Exception {
        McpSchema.JSONRPCMessage expected = McpSchema.deserializeJsonRpcMessage(MAPPER, text);
        McpSchema.JSONRPCMessage read = JsonRpcMessages.read(MAPPER, text);
        assertEquals(expected, read);
        assertEquals(MAPPER.writeValueAsString(expected), MAPPER.writeValueAsString(read));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":[\"ping\"]}",
        "[1,2]",
        "null",
        "{\"jsonrpc\":",
    })
    void refusesWhatTheSdkRefuses(String text) {
        assertThrows(Exception.class, () -> McpSchema.deserializeJsonRpcMessage(MAPPER, text));
        assertThrows(Exception.class, () -> JsonRpcMessages.read(MAPPER, text));
    }
}
