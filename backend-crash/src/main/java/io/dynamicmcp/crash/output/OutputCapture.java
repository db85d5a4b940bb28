package io.dynamicmcp.crash.output;

import io.dynamicmcp.crash.filter.LineSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.lang.System.Logger.Level;

/**
 * Takes one command's output line by line as it streams. Small outputs stay in memory whole; once the
 * output passes the inline limit it spills to a private file and memory keeps only a head (half the limit)
 * and a rolling tail (the other half). Used by one thread; {@link #discard} may come from another.
 * Call {@link #finish} (or {@link #discard}) exactly once; lines after that are ignored.
 */
public final class OutputCapture implements LineSink {

    private static final System.Logger LOG = System.getLogger(OutputCapture.class.getName());

    private final OutputStore store;
    private final String id;
    private final String sessionId;
    private final String owner;
    private final String command;
    private final long inlineBytes;
    private final long halfBytes;
    private final int maxLineChars;

    private final List<String> head = new ArrayList<>();
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private long headBytes;
    private long tailBytes;
    private long lines;
    private long bytes;

    private Path file;
    private OutputStream out;
    private long storedLines;
    private long storedBytes;
    private boolean storeFull;
    private long[] index = new long[16];
    private boolean done;
    private String removedBecause;

    OutputCapture(OutputStore store, String id, String sessionId, String owner, String command, long inlineBytes) {
        this.store = store;
        this.id = id;
        this.sessionId = sessionId;
        this.owner = owner;
        this.command = command;
        this.inlineBytes = inlineBytes;
        this.halfBytes = inlineBytes / 2;
        this.maxLineChars = store.lineChars();
    }

    String sessionId() {
        return sessionId;
    }

    String owner() {
        return owner;
    }

    /** Takes one line; a line holding {@code \n} counts as several. */
    @Override
    public synchronized void line(String line) {
        if (done) {
            return;
        }
        if (line.indexOf('\n') >= 0) {
            for (String part : line.split("\n", -1)) {
                take(part);
            }
        } else {
            take(line);
        }
    }

    private void take(String line) {
        long size = Utf8.length(line) + 1;
        lines++;
        bytes += size;
        if (file == null && removedBecause == null && bytes > inlineBytes) {
            spill();
        }
        if (out != null) {
            store(line, size);
        }
        if (file == null && removedBecause == null) {
            head.add(line);
            headBytes += size;
            return;
        }
        remember(line, size);
    }

    private void remember(String line, long size) {
        if (headBytes + size <= halfBytes && tail.isEmpty()) {
            head.add(line);
            headBytes += size;
            return;
        }
        tail.addLast(line);
        tailBytes += size;
        while (tailBytes > halfBytes && tail.size() > 1) {
            tailBytes -= Utf8.length(tail.removeFirst()) + 1;
        }
    }

    /** Moves to a file: the lines so far are written, and memory keeps only head and tail of them. */
    private void spill() {
        try {
            file = store.createFile(id);
            out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        } catch (IOException e) {
            removedBecause = "it could not be stored: " + e.getMessage();
            closeQuietly();
        }
        List<String> buffered = new ArrayList<>(head);
        head.clear();
        headBytes = 0;
        for (String line : buffered) {
            long size = Utf8.length(line) + 1;
            if (out != null) {
                store(line, size);
            }
            remember(line, size);
        }
    }

    private void store(String line, long size) {
        if (storeFull) {
            return;
        }
        if (!store.reserve(this, size)) {
            storeFull = true;
            return;
        }
        try {
            if (storedLines % StoredOutput.INDEX_STEP == 0) {
                int slot = (int) (storedLines / StoredOutput.INDEX_STEP);
                if (slot == index.length) {
                    index = Arrays.copyOf(index, index.length * 2);
                }
                index[slot] = storedBytes;
            }
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            storedLines++;
            storedBytes += size;
        } catch (IOException e) {
            removedBecause = "writing it failed: " + e.getMessage();
            closeQuietly();
            store.release(this);
            deleteFile();
        }
    }

    /** Ends the capture and tells what to return. */
    public synchronized CapturedOutput finish() {
        if (done) {
            throw new IllegalStateException("capture " + id + " already finished");
        }
        done = true;
        String storedId = null;
        if (out != null) {
            try {
                out.close();
                out = null;
                long slots = storedLines == 0 ? 1 : (storedLines - 1) / StoredOutput.INDEX_STEP + 1;
                if (store.register(this, new StoredOutput(id, sessionId, owner, command, file, storedLines,
                        storedBytes, lines, !storeFull, Arrays.copyOf(index, (int) slots)))) {
                    storedId = id;
                } else {
                    removedBecause = "the server is shutting down";
                }
            } catch (IOException e) {
                removedBecause = "writing it failed: " + e.getMessage();
                closeQuietly();
                store.release(this);
                deleteFile();
            }
        } else {
            store.release(this);
        }
        boolean truncated = file != null || removedBecause != null;
        return new CapturedOutput(text(storedId), lines, bytes, storedId, truncated);
    }

    private String text(String storedId) {
        StringBuilder text = new StringBuilder();
        for (String line : head) {
            text.append(Utf8.clip(line, maxLineChars)).append('\n');
        }
        if (file == null && removedBecause == null) {
            return text.toString();
        }
        long omitted = lines - head.size() - tail.size();
        long omittedBytes = bytes - headBytes - tailBytes;
        text.append("[... ").append(omitted).append(" lines (").append(Utf8.size(omittedBytes))
                .append(") omitted; the output has ").append(lines).append(" lines, ").append(Utf8.size(bytes));
        if (storedId != null) {
            text.append(". The full output is stored: page it with get_command_output(output_id=\"").append(storedId)
                    .append("\", offset=").append(head.size()).append("), search it with search_command_output(")
                    .append("output_id=\"").append(storedId).append("\", pattern=\"...\")");
            if (storeFull) {
                text.append("; only its first ").append(storedLines)
                        .append(" lines were kept (the output store is full, CRASH_OUTPUT_STORE_BYTES)");
            }
        } else {
            text.append(". The full output is not available: ").append(removedBecause == null ? "it was not stored"
                    : removedBecause).append(". Narrow the command or filter it ('| grep PATTERN', '| head -n N')");
        }
        text.append(" ...]\n");
        for (String line : tail) {
            text.append(Utf8.clip(line, maxLineChars)).append('\n');
        }
        return text.toString();
    }

    /** Drops the stored copy (its session ended); a later {@link #finish} returns head and tail only. */
    synchronized void discard(String why) {
        if (file == null || removedBecause != null) {
            return;
        }
        removedBecause = why;
        closeQuietly();
        store.release(this);
        deleteFile();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the file is deleted or abandoned next
            }
            out = null;
        }
    }

    private void deleteFile() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete {0}: {1}", file, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "OutputCapture[" + id + ", session " + sessionId + ", " + command + "]";
    }
}
