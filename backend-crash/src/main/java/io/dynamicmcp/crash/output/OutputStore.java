package io.dynamicmcp.crash.output;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.crash.policy.LinePattern;
import io.dynamicmcp.spi.Settings;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
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
 * Keeps large command outputs on disk so clients can page and search them: one store per provider, in a
 * private folder (mode 0700, files 0600) that it empties when it opens and when it closes. Outputs belong
 * to a session and an owner (the caller id): another owner's output is "no such output", and
 * {@link #removeSession} drops a session's outputs. The total stored is bounded; the oldest outputs are
 * evicted first. Thread-safe; closing twice is harmless.
 */
public final class OutputStore implements AutoCloseable {

    /** Default for {@code CRASH_OUTPUT_INLINE_BYTES}: outputs up to this size are returned whole. */
    public static final long DEFAULT_INLINE_BYTES = 64 * 1024;

    /** Default for {@code CRASH_OUTPUT_STORE_BYTES}: the most all stored outputs may take on disk. */
    public static final long DEFAULT_STORE_BYTES = 1024L * 1024 * 1024;

    /** The most lines one page may hold. */
    public static final int MAX_PAGE_LINES = 5000;

    /** The most matches one search may return. */
    public static final int MAX_MATCHES = 500;

    /** The most context lines a match may carry on each side. */
    public static final int MAX_CONTEXT = 20;

    private static final System.Logger LOG = System.getLogger(OutputStore.class.getName());
    private static final String SUFFIX = ".out";

    private final Path directory;
    private final long inlineBytes;
    private final long storeBytes;
    private final Map<String, StoredOutput> outputs = new LinkedHashMap<>();
    private final Set<OutputCapture> live = ConcurrentHashMap.newKeySet();
    private final Map<OutputCapture, Long> liveBytes = new LinkedHashMap<>();
    private long usedBytes;
    private boolean closed;

    private OutputStore(Path directory, long inlineBytes, long storeBytes) {
        this.directory = directory;
        this.inlineBytes = inlineBytes;
        this.storeBytes = storeBytes;
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
        Files.createDirectories(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        OutputStore store = new OutputStore(directory, inlineBytes, storeBytes);
        store.deleteLeftovers();
        return store;
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

    /** Bytes the stored outputs take now. */
    public synchronized long usedBytes() {
        return usedBytes;
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
        OutputCapture capture = new OutputCapture(this, "out-" + HexFormat.of().formatHex(RandomBytes.next(12)), sessionId, owner,
                command, inlineBytes);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the output store is closed");
            }
            live.add(capture);
        }
        return capture;
    }

    /**
     * Lines {@code offset} to {@code offset + limit - 1}, fewer when they would pass the inline size.
     *
     * @throws ToolException when the output does not exist for this owner or the offset is past its end
     */
    public OutputPage page(String outputId, String owner, long offset, int limit) {
        StoredOutput output = find(outputId, owner);
        if (offset < 0 || (offset > 0 && offset >= output.lines)) {
            throw new ToolException("offset " + offset + " is past the end of output " + outputId + ", which has "
                    + output.lines + " stored lines (offsets 0 to " + (output.lines - 1) + ")");
        }
        int wanted = Math.max(1, Math.min(limit, MAX_PAGE_LINES));
        int maxLineChars = (int) Math.max(80, inlineBytes / 4);
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        try (StoredOutput.LineReader reader = output.open(offset)) {
            String line;
            while (lines.size() < wanted && (line = reader.readLine()) != null) {
                String shown = Utf8.clip(line, maxLineChars);
                long size = Utf8.length(shown) + 1;
                if (!lines.isEmpty() && bytes + size > inlineBytes) {
                    break;
                }
                lines.add(shown);
                bytes += size;
            }
        } catch (IOException e) {
            throw new ToolException("reading output " + outputId + " failed: " + e.getMessage(), e);
        }
        long next = offset + lines.size();
        return new OutputPage(outputId, offset, List.copyOf(lines), next < output.lines ? next : null,
                output.totalLines, output.lines);
    }

    /**
     * Lines matching {@code pattern} from {@code fromOffset} on, each with up to {@code context} lines around it.
     *
     * @throws ToolException when the output does not exist for this owner
     */
    public OutputMatches search(String outputId, String owner, LinePattern pattern, int context, int maxMatches,
            long fromOffset) {
        StoredOutput output = find(outputId, owner);
        int around = Math.max(0, Math.min(context, MAX_CONTEXT));
        int most = Math.max(1, Math.min(maxMatches, MAX_MATCHES));
        int maxLineChars = (int) Math.max(80, inlineBytes / 4);
        List<OutputMatches.Match> found = new ArrayList<>();
        ArrayDeque<String> before = new ArrayDeque<>();
        List<PendingMatch> pending = new ArrayList<>();
        long bytes = 0;
        Long resume = null;
        long tooExpensive = 0;
        try (StoredOutput.LineReader reader = output.open(Math.max(0, Math.min(fromOffset, output.lines)))) {
            String line;
            while ((line = reader.readLine()) != null) {
                long number = reader.next() - 1;
                String shown = Utf8.clip(line, maxLineChars);
                for (Iterator<PendingMatch> it = pending.iterator(); it.hasNext();) {
                    PendingMatch match = it.next();
                    match.after.add(shown);
                    if (match.after.size() == around) {
                        found.add(match.done());
                        it.remove();
                    }
                }
                if (resume == null) {
                    LinePattern.Outcome outcome = pattern.test(line);
                    if (outcome == LinePattern.Outcome.TOO_EXPENSIVE) {
                        tooExpensive++;
                    } else if (outcome == LinePattern.Outcome.MATCH) {
                        if (found.size() + pending.size() >= most || bytes > inlineBytes) {
                            resume = number;
                        } else {
                            PendingMatch match = new PendingMatch(number, shown, List.copyOf(before));
                            bytes += Utf8.length(shown) * (1L + 2 * around) + 32;
                            if (around == 0) {
                                found.add(match.done());
                            } else {
                                pending.add(match);
                            }
                        }
                    }
                }
                if (resume != null && pending.isEmpty()) {
                    break;
                }
                before.addLast(shown);
                if (before.size() > around) {
                    before.removeFirst();
                }
            }
        } catch (IOException e) {
            throw new ToolException("reading output " + outputId + " failed: " + e.getMessage(), e);
        }
        for (PendingMatch match : pending) {
            found.add(match.done());
        }
        return new OutputMatches(outputId, pattern.source(), List.copyOf(found), resume == null, resume, output.lines,
                tooExpensive);
    }

    private synchronized StoredOutput find(String outputId, String owner) {
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
                    usedBytes -= output.bytes;
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
        removed.forEach(this::delete);
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
            usedBytes = 0;
            running = new ArrayList<>(live);
        }
        running.forEach(capture -> capture.discard("the server is shutting down"));
        removed.forEach(this::delete);
        deleteLeftovers();
    }

    Path createFile(String id) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("the output store is closed");
            }
        }
        return Files.createFile(directory.resolve(id + SUFFIX),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** Makes room for {@code size} more bytes of a live capture, evicting the oldest stored outputs. */
    boolean reserve(OutputCapture capture, long size) {
        List<StoredOutput> evicted = new ArrayList<>();
        boolean ok;
        synchronized (this) {
            Iterator<StoredOutput> oldest = outputs.values().iterator();
            while (!closed && usedBytes + size > storeBytes && oldest.hasNext()) {
                StoredOutput output = oldest.next();
                oldest.remove();
                usedBytes -= output.bytes;
                evicted.add(output);
            }
            ok = !closed && usedBytes + size <= storeBytes;
            if (ok) {
                usedBytes += size;
                liveBytes.merge(capture, size, Long::sum);
            }
        }
        for (StoredOutput output : evicted) {
            LOG.log(Level.INFO, "evicted stored output {0} ({1} bytes) to stay within CRASH_OUTPUT_STORE_BYTES", output.id, output.bytes);
            delete(output);
        }
        return ok;
    }

    synchronized void release(OutputCapture capture, long bytes) {
        Long held = liveBytes.remove(capture);
        usedBytes -= held == null ? 0 : held;
        live.remove(capture);
    }

    /** Files a finished capture's output; false (and the file deleted) when the store has closed meanwhile. */
    boolean register(OutputCapture capture, StoredOutput output) {
        boolean keep;
        synchronized (this) {
            live.remove(capture);
            Long held = liveBytes.remove(capture);
            keep = !closed;
            if (keep) {
                outputs.put(output.id, output);
                usedBytes += output.bytes - (held == null ? 0 : held);
            } else {
                usedBytes -= held == null ? 0 : held;
            }
        }
        if (!keep) {
            delete(output);
        }
        return keep;
    }

    synchronized void forget(OutputCapture capture) {
        live.remove(capture);
        Long held = liveBytes.remove(capture);
        usedBytes -= held == null ? 0 : held;
    }

    private void delete(StoredOutput output) {
        try {
            Files.deleteIfExists(output.file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete stored output {0}: {1}", output.file, e.toString());
        }
    }

    private void deleteLeftovers() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not clean {0}: {1}", directory, e.toString());
        }
    }

    private static final class PendingMatch {
        final long offset;
        final String text;
        final List<String> before;
        final List<String> after = new ArrayList<>();

        PendingMatch(long offset, String text, List<String> before) {
            this.offset = offset;
            this.text = text;
            this.before = before;
        }

        OutputMatches.Match done() {
            return new OutputMatches.Match(offset, text, before, List.copyOf(after));
        }
    }
}
