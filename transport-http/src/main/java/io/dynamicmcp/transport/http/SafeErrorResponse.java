package io.dynamicmcp.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Holds back any error body the MCP SDK writes itself (it serialises whole exceptions, stack traces included)
 * and sends a short JSON-RPC error with the same status, the request's id and the first line of the message instead.
 */
final class SafeErrorResponse extends HttpServletResponseWrapper {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final Object requestId;
    private boolean error;
    private PrintWriter heldWriter;

    /**
     * @param requestId the JSON-RPC id of the request being answered, or null if it has none (or it cannot be read)
     */
    SafeErrorResponse(HttpServletResponse response, Object requestId) {
        super(response);
        this.requestId = requestId;
    }

    @Override
    public void setStatus(int status) {
        error = status >= 400;
        super.setStatus(status);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (!error) {
            return super.getOutputStream();
        }
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                held.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("error bodies are written synchronously");
            }
        };
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (!error) {
            return super.getWriter();
        }
        if (heldWriter == null) {
            heldWriter = new PrintWriter(new OutputStreamWriter(held, StandardCharsets.UTF_8), true);
        }
        return heldWriter;
    }

    @Override
    public void setContentLength(int length) {
        if (!error) {
            super.setContentLength(length);
        }
    }

    @Override
    public void setContentLengthLong(long length) {
        if (!error) {
            super.setContentLengthLong(length);
        }
    }

    /** Sends the sanitised error, if the servlet wrote one; call after the servlet returned. */
    void finish() throws IOException {
        if (heldWriter != null) {
            heldWriter.flush();
        }
        if (!error || held.size() == 0 || getResponse().isCommitted()) {
            return;
        }
        int code = JsonErrors.SERVER_ERROR;
        String message = "request failed";
        try {
            JsonNode json = MAPPER.readTree(held.toByteArray());
            JsonNode rpc = json.has("jsonRpcError") ? json.get("jsonRpcError") : json.has("error") ? json.get("error") : json;
            if (rpc.path("code").isInt()) {
                code = rpc.get("code").asInt();
            }
            if (rpc.path("message").isTextual()) {
                message = firstLine(rpc.get("message").asText());
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the generic message
        }
        JsonErrors.send((HttpServletResponse) getResponse(), getStatus(), true, requestId, code, message);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
    }
}
