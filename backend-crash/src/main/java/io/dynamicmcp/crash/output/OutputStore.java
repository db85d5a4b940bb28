package io.dynamicmcp.crash.output;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.spi.Settings;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.lang.System.Logger.Level;

/**
 * Keeps large command outputs on disk so clients can page ({@link OutputPager}) and search ({@link OutputSearcher})
 * them: one store per provider, in a private folder ({@link OutputFolder}) that it empties when it opens and when it
 * closes. Outputs belong to a session and an owner (the caller id): another owner's output is "no such output", and
 * {@link #removeSession} drops a session's outputs. The total stored is bounded ({@link OutputQuota}); the oldest
 * outputs are evicted first. Thread-safe; closing twice is harmless.
 */
public final class OutputStore implements AutoCloseable {

    /** Default for {@code CRASH_OUTPUT_INLINE_BYTES}: outputs up to this size are returned whole. */
    public static final long DEFAULT_INLINE_BYTES = 64 * 1024;

    /** Default for {@code CRASH_OUTPUT_STORE_BYTES}: the most all stored outputs may take on disk. */
    public static final long DEFAULT_STORE_BYTES = 1024L * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(OutputStore.class.getName());

    private final OutputFolder folder;
    private final long inlineBytes;
    private final OutputQuota quota;
    private final Map<String, StoredOutput> outputs = new LinkedHashMap<>();
    private final Set<OutputCapture> live = ConcurrentHashMap.newKeySet();
    private boolean closed;

    private OutputStore(OutputFolder folder, long inlineBytes, long storeBytes) {
        this.folder = folder;
        this.inlineBytes = inlineBytes;
        this.quota = new OutputQuota(storeBytes);
    }

    /**
     * Opens a store in {@code directory}, creating it with mode 0700 and deleting outputs a previous run left.
     *
     * @param inlineBytes outputs up to this size are returned whole (at least 1024)
     * @param storeBytes the most all stored outputs may take on disk (at least {@code inlineBytes})
     */
    public static OutputStore open(Path directory, long inlineBytes, long storeBytes) throws IOException {
        requireNonNull(directory, "directory is null");
        if (inlineBytes < 1024 || storeBytes < inlineBytes) {
            throw new IllegalArgumentException("need inlineBytes >= 1024 and storeBytes >= inlineBytes");
        }
        return new OutputStore(OutputFolder.open(directory), inlineBytes, storeBytes);
    }

    /**
     * Opens the store a provider's settings describe, in {@code outputs} under its state directory:
     * {@code CRASH_OUTPUT_INLINE_BYTES} (default 64 KiB) and {@code CRASH_OUTPUT_STORE_BYTES} (default 1 GiB).
     */
    public static OutputStore fromSettings(Settings settings, Path stateDirectory) throws IOException {
        long inline = settings.number("CRASH_OUTPUT_INLINE_BYTES", DEFAULT_INLINE_BYTES, 1024, 64L * 1024 * 1024);
        long total = settings.number("CRASH_OUTPUT_STORE_BYTES", Math.max(DEFAULT_STORE_BYTES, inline), inline,
                Long.MAX_VALUE);
        return open(stateDirectory.resolve("outputs"), inline, total);
    }

    /** Outputs up to this many bytes are returned whole. */
    public long inlineBytes() {
        return inlineBytes;
    }

    /** The longest line shown, in characters: a quarter of the inline size, at least 80. */
    int lineChars() {
        return (int) Math.max(80, inlineBytes / 4);
    }

    /** Bytes the stored outputs take now. */
    public synchronized long usedBytes() {
        return quota.used();
    }

    /**
     * Starts capturing one command's output. Feed it every line, then call {@link OutputCapture#finish()}.
     *
     * @param sessionId the session the command ran in
     * @param owner the caller id of the client that ran it
     * @param command the command, for the record
     */
    public OutputCapture begin(String sessionId, String owner, String command) {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(command, "command is null");
        OutputCapture capture = new OutputCapture(this, "out-" + HexFormat.of().formatHex(RandomBytes.next(12)),
                sessionId, owner, command, inlineBytes);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the output store is closed");
            }
            live.add(capture);
        }
        return capture;
    }

    /** The owner's stored output {@code outputId}; another owner's is "no such output". */
    synchronized StoredOutput find(String outputId, String owner) {
        StoredOutput output = outputId == null ? null : outputs.get(outputId);
        if (output == null || !output.owner.equals(owner)) {
            throw new ToolException("no such output: '" + outputId + "'. Output ids come from crash_command results"
                    + " whose output was too large to return whole; they are removed when their session closes or"
                    + " when the store needs room for newer outputs.");
        }
        return output;
    }

    /** Removes a session's stored outputs and the stored copies of its captures still running. */
    public void removeSession(String sessionId) {
        List<StoredOutput> removed = new ArrayList<>();
        List<OutputCapture> running = new ArrayList<>();
        synchronized (this) {
            for (Iterator<StoredOutput> it = outputs.values().iterator(); it.hasNext();) {
                StoredOutput output = it.next();
                if (output.sessionId.equals(sessionId)) {
                    it.remove();
                    quota.remove(output.bytes);
                    removed.add(output);
                }
            }
            for (OutputCapture capture : live) {
                if (capture.sessionId().equals(sessionId)) {
                    running.add(capture);
                }
            }
        }
        running.forEach(capture -> capture.discard("its session " + sessionId + " ended"));
        removed.forEach(output -> folder.delete(output.file));
    }

    /** Deletes every stored output and stops accepting new captures. Idempotent. */
    @Override
    public void close() {
        List<StoredOutput> removed;
        List<OutputCapture> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            removed = new ArrayList<>(outputs.values());
            outputs.clear();
            quota.clear();
            running = new ArrayList<>(live);
        }
        running.forEach(capture -> capture.discard("the server is shutting down"));
        removed.forEach(output -> folder.delete(output.file));
        folder.deleteAll();
    }

    Path createFile(String id) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("the output store is closed");
            }
        }
        return folder.create(id);
    }

    /** Makes room for {@code size} more bytes of a live capture, evicting the oldest stored outputs. */
    boolean reserve(OutputCapture capture, long size) {
        List<StoredOutput> evicted = new ArrayList<>();
        boolean ok;
        synchronized (this) {
            Iterator<StoredOutput> oldest = outputs.values().iterator();
            while (!closed && !quota.fits(size) && oldest.hasNext()) {
                StoredOutput output = oldest.next();
                oldest.remove();
                quota.remove(output.bytes);
                evicted.add(output);
            }
            ok = !closed && quota.fits(size);
            if (ok) {
                quota.hold(capture, size);
            }
        }
        for (StoredOutput output : evicted) {
            LOG.log(Level.INFO, "evicted stored output {0} ({1} bytes) to stay within CRASH_OUTPUT_STORE_BYTES",
                    output.id, output.bytes);
            folder.delete(output.file);
        }
        return ok;
    }

    /** Forgets a capture that ended without a stored output, and what its file held. */
    synchronized void release(OutputCapture capture) {
        live.remove(capture);
        quota.release(capture);
    }

    /** Files a finished capture's output; false (and the file deleted) when the store has closed meanwhile. */
    boolean register(OutputCapture capture, StoredOutput output) {
        boolean keep;
        synchronized (this) {
            live.remove(capture);
            quota.release(capture);
            keep = !closed;
            if (keep) {
                outputs.put(output.id, output);
                quota.add(output.bytes);
            }
        }
        if (!keep) {
            folder.delete(output.file);
        }
        return keep;
    }
}
