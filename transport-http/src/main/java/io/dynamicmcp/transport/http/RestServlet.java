package io.dynamicmcp.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.core.mcp.CallOrigin;
import io.dynamicmcp.core.mcp.McpServerAssembler;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed project's plain JSON interface: {@code GET /api/tools} lists the tools and {@code POST /api/mcp} with
 * {@code {"method": "<tool>", "params": {...}}} calls one through the same handlers as MCP. A REST call's caller is
 * the identity of its token, as for MCP: what it opens belongs to that token, over REST and MCP alike (see
 * {@link Identities}).
 */
final class RestServlet extends HttpServlet {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final transient McpServerAssembler assembler;
    private final transient Callers callers;
    private final AtomicLong calls = new AtomicLong();

    RestServlet(McpServerAssembler assembler, Callers callers) {
        this.assembler = assembler;
        this.callers = callers;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!HttpServer.TOOLS_PATH.equals(request.getRequestURI())) {
            JsonErrors.send(response, 404, false, 0, "not found: GET " + HttpServer.TOOLS_PATH + " lists the tools");
            return;
        }
        write(response, 200, Map.of("tools", assembler.describeTools()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!HttpServer.CALL_PATH.equals(request.getRequestURI())) {
            JsonErrors.send(response, 404, false, 0, "not found: POST " + HttpServer.CALL_PATH + " calls a tool");
            return;
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(request.getInputStream());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("method").isTextual()
                || !(body.path("params").isObject() || body.path("params").isMissingNode())) {
            JsonErrors.send(response, 400, false, 0, "expected a JSON object {\"method\": \"<tool name>\","
                    + " \"params\": {<arguments>}}");
            return;
        }
        String tool = body.get("method").asText();
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = body.has("params") ? MAPPER.convertValue(body.get("params"), Map.class) : Map.of();
        String caller = Identities.sessionless(request);
        Optional<McpSchema.CallToolResult> result;
        callers.enter(caller);
        try {
            result = assembler.callTool(tool, arguments, new CallOrigin(caller, "rest-" + calls.incrementAndGet(), 0));
        } finally {
            callers.exit(caller);
        }
        if (result.isEmpty()) {
            JsonErrors.send(response, 404, false, 0, "unknown tool '" + abbreviate(tool) + "': GET "
                    + HttpServer.TOOLS_PATH + " lists the tools");
            return;
        }
        write(response, 200, result.get());
    }

    private void write(HttpServletResponse response, int status, Object value) throws IOException {
        byte[] json = assembler.jsonMapper().writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
