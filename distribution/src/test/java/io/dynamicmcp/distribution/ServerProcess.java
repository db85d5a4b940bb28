package io.dynamicmcp.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The built {@code bin/dynamic-mcp} started as a real process, spoken to over stdin/stdout as an MCP client
 * would. Every stdout line is recorded so tests can check that stdout carried nothing but JSON-RPC.
 */
final class ServerProcess implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(120);

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final List<String> stdoutLines = Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer stderr = new StringBuffer();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final Thread reader;

    private ServerProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = new Thread(this::readStdout, "server-stdout");
        this.reader.start();
        Thread errors = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    stderr.append(line).append('\n');
                }
            } catch (IOException e) {
                // process gone
            }
        }, "server-stderr");
        errors.setDaemon(true);
        errors.start();
    }

    /** The unpacked distribution the build made (target/dynamic-mcp). */
    static Path distribution() {
        Path dist = Path.of(System.getProperty("dynamic.mcp.distribution", "target/dynamic-mcp"));
        if (!Files.isExecutable(dist.resolve("bin/dynamic-mcp"))) {
            throw new IllegalStateException("no built distribution at " + dist + ": run ./mvnw package first");
        }
        return dist;
    }

    static ServerProcess start(Path state, Map<String, String> env, String... args) throws IOException {
        return start(distribution(), state, env, args);
    }

    /** Starts the launcher of the given distribution folder, e.g. a copy with plugins dropped in. */
    static ServerProcess start(Path distribution, Path state, Map<String, String> env, String... args) throws IOException {
        return startUnder(List.of(), distribution, state, env, args);
    }

    /** Starts the launcher through {@code parent}, a command that execs its arguments (e.g. one that ignores signals). */
    static ServerProcess startUnder(List<String> parent, Path distribution, Path state, Map<String, String> env,
            String... args) throws IOException {
        List<String> command = new ArrayList<>(parent);
        command.add(distribution.resolve("bin/dynamic-mcp").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(state.toFile());
        builder.environment().put("DYNAMIC_MCP_STATE_DIR", state.resolve("state").toString());
        builder.environment().put("CRASH_DUMP_PATH", state.resolve("no-dumps").toString());
        builder.environment().put("XDG_CACHE_HOME", state.resolve("cache").toString());
        builder.environment().putAll(env);
        return new ServerProcess(builder.start());
    }

    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void closeInput() throws IOException {
        stdin.close();
    }

    JsonNode initialize() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
        JsonNode answer = awaitId(1);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return answer;
    }

    /** Sends a request and waits for its answer. */
    JsonNode request(String method, Object params) throws Exception {
        int id = ids.incrementAndGet();
        send(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params)));
        return awaitId(id);
    }

    JsonNode callTool(String name, Map<String, Object> arguments) throws Exception {
        return request("tools/call", Map.of("name", name, "arguments", arguments));
    }

    /** Sends a tools/call without waiting; {@link #awaitId} gets its answer. */
    int sendToolCall(String name, Map<String, Object> arguments) throws Exception {
        int id = ids.incrementAndGet();
        send(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call",
                "params", Map.of("name", name, "arguments", arguments))));
        return id;
    }

    /** Sends SIGTERM to the server, as a service manager stopping it would. */
    void terminate() {
        process.destroy();
    }

    JsonNode awaitId(int id) throws Exception {
        return await(message -> message.has("id") && message.get("id").asInt(-1) == id, WAIT,
                "answer to request " + id);
    }

    /**
     * Waits for the next notification {@code method} (other messages stay queued), at most {@code bound} (a guard
     * against hanging, not a timing assertion).
     */
    JsonNode awaitNotification(String method, Duration bound) throws Exception {
        return await(message -> !message.has("id") && method.equals(message.path("method").asText()), bound, method);
    }

    /** The first message {@code wanted} accepts, waiting at most {@code bound}; the others stay queued. */
    private JsonNode await(Predicate<JsonNode> wanted, Duration bound, String what) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode message = messages.poll(1, TimeUnit.SECONDS);
                if (message == null) {
                    if (!process.isAlive() && messages.isEmpty()) {
                        break;
                    }
                    continue;
                }
                if (wanted.test(message)) {
                    return message;
                }
                skipped.add(message);
            }
        } finally {
            messages.addAll(skipped);
        }
        throw new AssertionError("no " + what + " within " + bound.toSeconds() + " s; stderr:\n" + stderr);
    }

    /** Waits for the process to exit and returns its exit code. */
    int awaitExit() throws Exception {
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not exit; stderr:\n" + stderr);
        }
        reader.join(10_000);
        return process.exitValue();
    }

    List<JsonNode> drainMessages() {
        List<JsonNode> all = new ArrayList<>();
        messages.drainTo(all);
        return all;
    }

    List<String> stdoutLines() {
        return List.copyOf(stdoutLines);
    }

    String stderr() {
        return stderr.toString();
    }

    long pid() {
        return process.pid();
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                stdoutLines.add(line);
                try {
                    messages.add(JSON.readTree(line));
                } catch (IOException e) {
                    // not JSON: the test checking stdout hygiene will report it
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
