package io.dynamicmcp.testkit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An MCP server started as a process and spoken to over its stdin and stdout. Every stdout line is recorded (to check
 * that stdout carried nothing but JSON-RPC) and so is stderr, unless the process builder sends it to a file, which is
 * then read instead.
 *
 * <p>stdout is read on the thread that waits for a message, with no thread in between, so that the per-call overhead
 * of a server can be measured through it; waits from several threads take turns reading. A wait that passes its bound
 * kills the server (a blocked read cannot be abandoned otherwise) and fails with its stderr.
 *
 * <pre>{@code
 * try (StdioMcpClient server = StdioMcpClient.start(new ProcessBuilder("bin/dynamic-mcp"))) {
 *     server.initialize();
 *     JsonNode answer = server.callTool("get_crash_info", Map.of());
 * }
 * }</pre>
 */
public final class StdioMcpClient implements McpTestClient {

    private final Process process;
    private final File stderrFile;
    private final OutputStream stdin;
    private final BufferedReader stdout;
    private final Duration wait;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> stdoutLines = Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stderrReader;
    private final Object lock = new Object();
    private final LinkedList<JsonNode> received = new LinkedList<>(); // guarded by lock
    private boolean reading; // guarded by lock: a thread is reading stdout
    private boolean ended; // guarded by lock: stdout ended
    private volatile long readDeadline; // System.nanoTime() by which the current read must return; 0: none
    private volatile boolean expired;
    private volatile boolean closed;

    private StdioMcpClient(Process process, File stderrFile, Duration wait) {
        this.process = process;
        this.stderrFile = stderrFile;
        this.stdin = process.getOutputStream();
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.wait = wait;
        this.stderrReader = daemon("mcp-server-stderr", this::readStderr);
        daemon("mcp-server-watchdog", this::watch);
    }

    /** Starts {@code builder}'s command; requests wait {@link #DEFAULT_WAIT} for their answers. */
    public static StdioMcpClient start(ProcessBuilder builder) throws IOException {
        return start(builder, DEFAULT_WAIT);
    }

    /** Starts {@code builder}'s command; requests wait at most {@code wait} for their answers. */
    public static StdioMcpClient start(ProcessBuilder builder, Duration wait) throws IOException {
        requireNonNull(wait, "wait is null");
        return new StdioMcpClient(builder.start(), builder.redirectError().file(), wait);
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public JsonNode initialize() {
        JsonNode answer = request("initialize", Map.of("protocolVersion", INITIALIZE_VERSION, "capabilities", Map.of(),
                "clientInfo", Map.of("name", "dynamic-mcp-testkit", "version", "1")));
        notify("notifications/initialized", null);
        return answer;
    }

    @Override
    public JsonNode request(String method, Object params) {
        return awaitAnswer(sendRequest(method, params));
    }

    /** Sends a request without waiting; {@link #awaitAnswer} gets its answer. Returns its id. */
    public int sendRequest(String method, Object params) {
        int id = ids.incrementAndGet();
        send(JsonRpc.request(id, method, params));
        return id;
    }

    @Override
    public void notify(String method, Object params) {
        send(JsonRpc.notification(method, params));
    }

    /** Writes {@code text} and a line end to the server's stdin, as is: it need not be JSON. */
    public void send(String text) {
        try {
            stdin.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the server; stderr:\n" + stderr(), e);
        }
    }

    /** Waits for the answer to request {@code id}. */
    public JsonNode awaitAnswer(int id) {
        return await(message -> JsonRpc.answers(message, id), wait, "answer to request " + id, false);
    }

    @Override
    public JsonNode awaitNotification(String method, Duration bound) {
        return await(message -> JsonRpc.isNotification(message, method), bound, "notification " + method, false);
    }

    /** The JSON messages read so far and not yet taken by a wait, in order; forgets them. */
    public List<JsonNode> drainMessages() {
        synchronized (lock) {
            List<JsonNode> all = new ArrayList<>(received);
            received.clear();
            return all;
        }
    }

    /** Every line the server wrote to stdout so far, JSON or not. */
    public List<String> stdoutLines() {
        synchronized (stdoutLines) {
            return List.copyOf(stdoutLines);
        }
    }

    /** What the server wrote to stderr so far. */
    public String stderr() {
        if (stderrFile != null) {
            try {
                return Files.readString(stderrFile.toPath());
            } catch (IOException e) {
                return "(cannot read " + stderrFile + ": " + e + ")";
            }
        }
        return stderr.toString();
    }

    /** The server process. */
    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Closes the server's stdin: end of input, on which an MCP stdio server exits. */
    public void closeInput() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Sends SIGTERM to the server, as a service manager stopping it would. */
    public void terminate() {
        process.destroy();
    }

    /** Reads stdout to its end (the messages stay for {@link #drainMessages}), waits for the exit; returns its code. */
    public int awaitExit() {
        await(message -> false, wait, "end of stdout", true);
        try {
            if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server did not exit within " + wait.toSeconds() + " s; stderr:\n" + stderr());
            }
            stderrReader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the server to exit", e);
        }
        return process.exitValue();
    }

    /**
     * The first message {@code wanted} accepts, read if not already queued; the others stay queued. Null if
     * {@code endIsFine} and stdout ended first.
     */
    private JsonNode await(Predicate<JsonNode> wanted, Duration bound, String what, boolean endIsFine) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            synchronized (lock) {
                while (true) {
                    JsonNode found = take(wanted);
                    if (found != null) {
                        return found;
                    }
                    if (ended) {
                        if (endIsFine && !expired) {
                            return null;
                        }
                        throw failure(what, bound);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw failure(what, bound);
                    }
                    if (!reading) {
                        reading = true;
                        break;
                    }
                    try {
                        lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("interrupted waiting for " + what, e);
                    }
                }
            }
            readOneLine(deadline);
        }
    }

    private JsonNode take(Predicate<JsonNode> wanted) {
        for (Iterator<JsonNode> it = received.iterator(); it.hasNext(); ) {
            JsonNode message = it.next();
            if (wanted.test(message)) {
                it.remove();
                return message;
            }
        }
        return null;
    }

    private void readOneLine(long deadline) {
        String line;
        readDeadline = deadline;
        try {
            line = stdout.readLine();
        } catch (IOException e) {
            line = null;
        } finally {
            readDeadline = 0;
        }
        JsonNode message = line == null ? null : parse(line);
        synchronized (lock) {
            reading = false;
            if (line == null) {
                ended = true;
            } else {
                stdoutLines.add(line);
                if (message != null) {
                    received.add(message);
                }
            }
            lock.notifyAll();
        }
    }

    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            return JsonRpc.JSON.readTree(line);
        } catch (IOException e) {
            return null; // not JSON: a test of stdout hygiene reports it from stdoutLines()
        }
    }

    private AssertionError failure(String what, Duration bound) {
        try {
            if (ended && process.waitFor(2, TimeUnit.SECONDS)) {
                stderrReader.join(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String why = expired || !ended ? "within " + bound.toMillis() / 1000.0 + " s"
                : "before the server's stdout ended" + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")");
        return new AssertionError("no " + what + " " + why + "; stderr:\n" + stderr());
    }

    /** Kills the server if a read passes its deadline: nothing else ends a blocked read of a pipe. */
    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            long deadline = readDeadline;
            if (deadline != 0 && System.nanoTime() - deadline > 0) {
                expired = true;
                kill();
                return;
            }
        }
    }

    private void readStderr() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                stderr.append(line).append('\n');
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Ends the server as a client would: closes its stdin and gives it 30 s to exit, then kills it and every process
     * it left behind.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = process.descendants().toList();
        try {
            closeInput();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.err.println("StdioMcpClient: the server did not exit within 30 s of end of input; killing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            kill();
            tree.forEach(ProcessHandle::destroyForcibly);
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
