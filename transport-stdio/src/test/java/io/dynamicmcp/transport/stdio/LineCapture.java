package io.dynamicmcp.transport.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects the lines a server writes as they come, and waits for particular messages among them. */
final class LineCapture extends OutputStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String line = current.toString(StandardCharsets.UTF_8);
            current.reset();
            lines.add(line);
            queue.add(line);
        } else {
            current.write(b);
        }
    }

    /** The answer to request {@code id}, waiting up to 30 s (a bound against hanging). */
    JsonNode awaitId(String id) throws Exception {
        return await(node -> node.has("id") && id.equals(node.get("id").asText()), "an answer with id " + id);
    }

    /** The next notification {@code method}, waiting up to 30 s (a bound against hanging). */
    JsonNode awaitNotification(String method) throws Exception {
        return await(node -> !node.has("id") && method.equals(node.path("method").asText()), "a " + method);
    }

    private JsonNode await(Predicate<JsonNode> wanted, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = queue.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                JsonNode node = JSON.readTree(line);
                if (wanted.test(node)) {
                    return node;
                }
            }
        }
        throw new AssertionError("no " + what + " in " + lines);
    }
}
