package io.dynamicmcp.transport.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Short JSON error bodies: a JSON-RPC error on the MCP endpoints, {@code {"error": ...}} elsewhere. Never a stack
 * trace or an exception's class.
 */
final class JsonErrors {

    /** JSON-RPC code for transport-level refusals (server error range). */
    static final int SERVER_ERROR = -32000;
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonErrors() {
    }

    static void send(HttpServletResponse response, int status, boolean jsonRpc, int code, String message)
            throws IOException {
        send(response, status, jsonRpc, null, code, message);
    }

    static void send(HttpServletResponse response, int status, boolean jsonRpc, Object id, int code, String message)
            throws IOException {
        write(response, status, body(jsonRpc, id, code, message, null));
    }

    /** A JSON-RPC error with data (e.g. the versions an unsupported-version error names). */
    static void send(HttpServletResponse response, int status, Object id, int code, String message, Object data)
            throws IOException {
        write(response, status, body(true, id, code, message, data));
    }

    private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static byte[] body(boolean jsonRpc, Object id, int code, String message) {
        return body(jsonRpc, id, code, message, null);
    }

    private static byte[] body(boolean jsonRpc, Object id, int code, String message, Object data) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (jsonRpc) {
            json.put("jsonrpc", "2.0");
            json.put("id", id);
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            if (data != null) {
                error.put("data", data);
            }
            json.put("error", error);
        } else {
            json.put("error", message);
        }
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            return "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
