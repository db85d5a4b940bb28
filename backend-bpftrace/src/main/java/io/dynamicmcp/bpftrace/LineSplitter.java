package io.dynamicmcp.bpftrace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Cuts a byte stream into UTF-8 lines; keeps the unfinished last line until more bytes or {@link #flush}. */
final class LineSplitter {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** The complete lines in {@code bytes} (plus what was pending), without their {@code \n}. */
    List<String> accept(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        for (byte b : bytes) {
            if (b == '\n') {
                lines.add(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            } else {
                pending.write(b);
            }
        }
        return lines;
    }

    /** The unfinished last line, if any; the splitter is empty afterwards. */
    List<String> flush() {
        if (pending.size() == 0) {
            return List.of();
        }
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return List.of(line);
    }
}
