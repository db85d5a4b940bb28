package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.output.Utf8;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The commands a session ran and their output as the client got it, oldest first, bounded: the last
 * {@link #MAX_COMMANDS} commands and at most {@link #MAX_BYTES} of text; older commands are dropped first, and one
 * output longer than {@link #MAX_OUTPUT_CHARS} keeps only its beginning. Thread-safe.
 */
public final class Transcript {

    public static final int MAX_COMMANDS = 200;
    public static final long MAX_BYTES = 960 * 1024;
    public static final int MAX_OUTPUT_CHARS = 64 * 1024;

    private record Entry(Instant at, String tool, String command, String status, String output, long bytes) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long bytes;
    private long dropped;

    /**
     * @param tool the tool that ran it
     * @param command the command line as crash received it
     * @param status how it ended ({@code completed}, {@code timed_out}, ...)
     * @param output what the tool returned of its output
     */
    public synchronized void record(String tool, String command, String status, String output) {
        requireNonNull(output, "output is null");
        String kept = output.length() <= MAX_OUTPUT_CHARS ? output : output.substring(0, MAX_OUTPUT_CHARS)
                + "\n[... the transcript keeps the first " + MAX_OUTPUT_CHARS + " of " + output.length()
                + " characters of this output; run the command again with crash_command, narrowed with "
                + "'| grep PATTERN', head or tail]\n";
        Entry entry = new Entry(Instant.now(), requireNonNull(tool, "tool is null"),
                requireNonNull(command, "command is null"), requireNonNull(status, "status is null"), kept,
                Utf8.length(kept) + Utf8.length(command) + 128);
        entries.addLast(entry);
        bytes += entry.bytes();
        while (entries.size() > MAX_COMMANDS || (bytes > MAX_BYTES && entries.size() > 1)) {
            bytes -= entries.removeFirst().bytes();
            dropped++;
        }
    }

    /** The transcript as text: a heading about the session, then each command and its output. */
    public synchronized String render(SessionInfo info) {
        StringBuilder text = new StringBuilder();
        text.append("crash session ").append(info.id()).append(" on ").append(info.dumpName()).append(" (kernel ")
                .append(info.release()).append("), started ").append(info.started()).append('\n')
                .append("vmlinux: ").append(info.vmlinux()).append('\n')
                .append("Commands run through crash_command and crash_triage, oldest first, with their output as "
                        + "returned (large outputs as head and tail with the output_id that pages them); the last ")
                .append(MAX_COMMANDS).append(" commands and about ").append(MAX_BYTES / 1024).append(" KiB are kept.\n");
        if (dropped > 0) {
            text.append("[").append(dropped).append(" earlier command(s) are no longer kept]\n");
        }
        if (entries.isEmpty()) {
            text.append("\n(no command has run yet)\n");
        }
        for (Entry entry : entries) {
            text.append("\ncrash> ").append(entry.command()).append("    [").append(entry.at()).append(", ")
                    .append(entry.tool()).append(", ").append(entry.status()).append("]\n").append(entry.output());
            if (!entry.output().isEmpty() && !entry.output().endsWith("\n")) {
                text.append('\n');
            }
        }
        return text.toString();
    }
}
