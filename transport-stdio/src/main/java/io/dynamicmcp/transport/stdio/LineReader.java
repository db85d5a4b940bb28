package io.dynamicmcp.transport.stdio;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads newline-terminated UTF-8 lines of bounded size; an over-long line is skipped and reported. */
final class LineReader {

    /** One line, or the mark of one that was too long. */
    record Line(String text, boolean tooLong) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    LineReader(InputStream in, int maxBytes) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.maxBytes = maxBytes;
    }

    int maxBytes() {
        return maxBytes;
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end of input. */
    Line next() throws IOException {
        buffer.reset();
        boolean tooLong = false;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return finish(tooLong);
            }
            if (!tooLong) {
                if (buffer.size() >= maxBytes) {
                    tooLong = true;
                    buffer.reset();
                } else {
                    buffer.write(b);
                }
            }
        }
        return buffer.size() == 0 && !tooLong ? null : finish(tooLong);
    }

    private Line finish(boolean tooLong) {
        if (tooLong) {
            return new Line("", true);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Line(text, false);
    }
}
