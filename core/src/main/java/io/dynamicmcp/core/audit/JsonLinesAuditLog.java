package io.dynamicmcp.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.spi.AuditLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each event as one JSON line with a {@code time} field. When the file passes {@code maxBytes} it is
 * renamed to {@code .1} (older ones shift up to {@code .keep}) and a new file begins. Never throws: a failure
 * to write is logged to the server log.
 */
public final class JsonLinesAuditLog implements AuditLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditLog.class);

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private ObjectMapper mapper; // made at the first event: nothing at start-up
    private OutputStream out;
    private long size;

    public JsonLinesAuditLog(Path file, long maxBytes, int keep) {
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void record(Map<String, Object> event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.putAll(event);
        try {
            if (mapper == null) {
                mapper = new ObjectMapper();
            }
            byte[] json = mapper.writeValueAsBytes(line);
            byte[] bytes = Arrays.copyOf(json, json.length + 1);
            bytes[json.length] = '\n';
            if (out == null) {
                openFile();
            } else if (size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot write the audit log {}: {}", file, e.toString());
        }
    }

    private void openFile() throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot restrict permissions of {}", file);
        }
    }

    private void rotate() throws IOException {
        out.close();
        for (int i = keep - 1; i >= 1; i--) {
            Path older = file.resolveSibling(file.getFileName() + "." + i);
            if (Files.exists(older)) {
                Files.move(older, file.resolveSibling(file.getFileName() + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep >= 1) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        openFile();
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.debug("closing the audit log failed", e);
            }
            out = null;
        }
    }
}
