package io.dynamicmcp.crash.session;

import io.dynamicmcp.crash.filter.LineSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits crash's terminal output into clean lines for a sink and tells when the bytes read so far end with
 * the session's prompt. Holds at most one partial line (bounded), never a whole reply. Not thread-safe.
 */
final class ReplyReader {

    static final int MAX_LINE = 256 * 1024;

    private final byte[] prompt;
    private final LineCleaner cleaner;
    private byte[] partial = new byte[4096];
    private int length;
    private LineSink sink = LineSink.DISCARD;
    private String echo;
    private long lines;
    private long bytes;

    ReplyReader(String programName) {
        this.prompt = (programName + "> ").getBytes(StandardCharsets.UTF_8);
        this.cleaner = new LineCleaner(programName);
    }

    /** Starts a reply: lines go to {@code sink}; the first line is dropped if it is the echo of {@code echo}. */
    void begin(LineSink sink, String echo) {
        this.sink = sink;
        this.echo = echo;
        this.lines = 0;
        this.bytes = 0;
    }

    /** Feeds output; returns whether everything read so far ends with the prompt. */
    boolean feed(byte[] chunk) {
        int start = 0;
        for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] == '\n') {
                append(chunk, start, i - start);
                emit(0, length);
                length = 0;
                start = i + 1;
            }
        }
        append(chunk, start, chunk.length - start);
        return endsWithPrompt();
    }

    boolean endsWithPrompt() {
        return length >= prompt.length
                && Arrays.equals(partial, length - prompt.length, length, prompt, 0, prompt.length);
    }

    /** Whether the prompt stands at the start of its line (the normal end of a reply). */
    boolean promptStartsLine() {
        return length == prompt.length && endsWithPrompt();
    }

    /** Ends the reply at the prompt: text printed before the prompt on its line becomes the last line. */
    void finishAtPrompt() {
        int before = length - prompt.length;
        if (before > 0 && !blank(before)) {
            emit(0, before);
        }
        length = 0;
        sink = LineSink.DISCARD;
    }

    /**
     * Stops passing lines on (the caller has its answer) but keeps following the output, so that the prompt that ends
     * it is still recognised.
     */
    void discardRest() {
        sink = LineSink.DISCARD;
    }

    /** Ends the reply because the output ended (crash exited). */
    void finishAtEnd() {
        if (length > 0 && !blank(length)) {
            emit(0, length);
        }
        length = 0;
        sink = LineSink.DISCARD;
    }

    long lines() {
        return lines;
    }

    long bytes() {
        return bytes;
    }

    private void append(byte[] chunk, int offset, int count) {
        if (count <= 0) {
            return;
        }
        if (length + count > partial.length) {
            if (length + count > MAX_LINE) {
                // an endless line: pass it on in pieces, keeping enough to still recognise the prompt
                int keep = Math.min(length, prompt.length);
                emit(0, length - keep);
                System.arraycopy(partial, length - keep, partial, 0, keep);
                length = keep;
            }
            if (length + count > partial.length) {
                partial = Arrays.copyOf(partial, Math.max(length + count, Math.min(MAX_LINE * 2, partial.length * 2)));
            }
        }
        System.arraycopy(chunk, offset, partial, length, count);
        length += count;
    }

    private void emit(int offset, int count) {
        String line = cleaner.clean(partial, offset, count);
        if (echo != null) {
            String expected = echo;
            echo = null;
            if (line.strip().equals(expected.strip())) {
                return;
            }
        }
        lines++;
        bytes += line.length() + 1L;
        sink.line(line);
    }

    private boolean blank(int count) {
        for (int i = 0; i < count; i++) {
            if (partial[i] != '\r' && partial[i] != ' ') {
                return false;
            }
        }
        return true;
    }
}
