package io.dynamicmcp.crash.output;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One output kept on disk, one line per {@code \n}, with a sparse index (the byte offset of every
 * {@link #INDEX_STEP}th line) so a page is found without reading from the start.
 */
final class StoredOutput {

    static final int INDEX_STEP = 1024;

    final String id;
    final String sessionId;
    final String owner;
    final String command;
    final Path file;
    final long lines;
    final long bytes;
    final long totalLines;
    final boolean complete;
    private final long[] index;

    StoredOutput(String id, String sessionId, String owner, String command, Path file, long lines, long bytes,
            long totalLines, boolean complete, long[] index) {
        this.id = id;
        this.sessionId = sessionId;
        this.owner = owner;
        this.command = command;
        this.file = file;
        this.lines = lines;
        this.bytes = bytes;
        this.totalLines = totalLines;
        this.complete = complete;
        this.index = index;
    }

    /** Reads lines from {@code offset} (0-based) on; the caller closes it. */
    LineReader open(long offset) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            int slot = (int) Math.min(offset / INDEX_STEP, index.length - 1);
            channel.position(index[slot]);
            LineReader reader = new LineReader(Channels.newInputStream(channel), (long) slot * INDEX_STEP);
            while (reader.next() < offset && reader.readLine() != null) {
                // skip to the requested line
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads lines split on {@code \n} only (a {@code \r} stays part of its line). */
    static final class LineReader implements Closeable {

        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private long next;

        LineReader(InputStream in, long first) {
            this.in = new BufferedInputStream(in, 64 * 1024);
            this.next = first;
        }

        /** The 0-based number of the line {@link #readLine} returns next. */
        long next() {
            return next;
        }

        String readLine() throws IOException {
            buffer.reset();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                buffer.write(b);
            }
            if (b < 0 && buffer.size() == 0) {
                return null;
            }
            next++;
            return buffer.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
