package io.dynamicmcp.crash.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel log as crash's {@code log} prints it, each line also without its {@code [    4.258817]} time stamp (and
 * a {@code [ T107]} caller id, where the kernel adds one), and where its panic line is.
 */
public final class KernelLog {

    /** The most lines {@link #beforePanic} keeps. */
    public static final int LINES_BEFORE_PANIC = 30;

    static final String PANIC_PREFIX = "Kernel panic - not syncing: ";

    private static final Pattern PREFIX = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\](?:\\[\\s*[TC]\\d+\\])?\\s?");

    private final List<String> raw;
    private final List<String> texts;
    private final OptionalInt panic;

    private KernelLog(List<String> raw) {
        this.raw = List.copyOf(raw);
        List<String> stripped = new ArrayList<>(raw.size());
        int found = -1;
        for (String line : raw) {
            String text = text(line);
            if (found < 0 && text.contains(PANIC_PREFIX)) {
                found = stripped.size();
            }
            stripped.add(text);
        }
        this.texts = List.copyOf(stripped);
        this.panic = found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
    }

    public static KernelLog of(List<String> lines) {
        return new KernelLog(lines);
    }

    /** A log line without its time stamp and caller id. */
    public static String text(String line) {
        Matcher m = PREFIX.matcher(line);
        return m.find() ? line.substring(m.end()) : line;
    }

    /** The lines without time stamps, in order. */
    public List<String> lines() {
        return texts;
    }

    public int size() {
        return texts.size();
    }

    public String line(int index) {
        return texts.get(index);
    }

    public boolean isEmpty() {
        return texts.isEmpty();
    }

    /** The index of the first "Kernel panic - not syncing" line. */
    public OptionalInt panicIndex() {
        return panic;
    }

    /** Where the report before the panic ends: the panic line, or the end of the log when it has none. */
    public int panicOrEnd() {
        return panic.orElse(texts.size());
    }

    /** The panic line from "Kernel panic" on. */
    public Optional<String> panicLine() {
        if (panic.isEmpty()) {
            return Optional.empty();
        }
        String line = texts.get(panic.getAsInt());
        return Optional.of(line.substring(line.indexOf("Kernel panic - not syncing")).strip());
    }

    /** What the panic line says after "Kernel panic - not syncing: ". */
    public Optional<String> panicMessage() {
        return panicLine().map(l -> l.substring(PANIC_PREFIX.length()).strip());
    }

    /** Up to {@link #LINES_BEFORE_PANIC} raw lines ending with the panic line, or the last lines when there is none. */
    public List<String> beforePanic() {
        int end = panic.isPresent() ? panic.getAsInt() + 1 : raw.size();
        return List.copyOf(raw.subList(Math.max(0, end - LINES_BEFORE_PANIC), end));
    }

    /**
     * Up to {@link #LINES_BEFORE_PANIC} lines ending with the first "Kernel panic" line of the tail, or the last
     * lines of the tail when it has none.
     */
    public static List<String> beforePanic(List<String> tail) {
        return of(tail).beforePanic();
    }
}
