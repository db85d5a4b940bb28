package io.dynamicmcp.transport.stdio;

import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON-RPC messages to the client, one a line, whole lines only, from any thread. */
final class LineWriter {

    private static final Logger LOG = LoggerFactory.getLogger(LineWriter.class);

    private final McpJsonMapper mapper;
    private final OutputStream out;
    private volatile boolean broken;

    LineWriter(McpJsonMapper mapper, OutputStream out) {
        this.mapper = mapper;
        this.out = out;
    }

    /** Whether a write failed: the client has gone away. */
    boolean broken() {
        return broken;
    }

    void write(Object message) {
        byte[] line;
        try {
            line = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("cannot serialise an answer", e);
            return;
        }
        synchronized (out) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                if (!broken) {
                    LOG.warn("cannot write to the client ({}); it has gone away", e.getMessage());
                }
                broken = true;
            }
        }
    }
}
