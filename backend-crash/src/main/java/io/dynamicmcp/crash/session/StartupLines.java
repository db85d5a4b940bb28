package io.dynamicmcp.crash.session;

import io.dynamicmcp.crash.filter.LineSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows what crash prints while it loads (started without {@code -s}): its "please wait... (...)" messages name the
 * phase it is in, reported to the progress as they arrive (crash overwrites them in place, so they are read from the
 * raw output, not from lines); its banner is dropped; everything else (warnings, errors) goes to the messages kept
 * for the answer.
 */
final class StartupLines implements LineSink {

    private static final Pattern PLEASE_WAIT = Pattern.compile("please wait\\.\\.\\. \\((.+?)\\)");
    private static final Map<String, String> PHASES = Map.of(
            "gathering kmem slab cache data", "dump",
            "gathering module symbol data", "dump",
            "gathering task table data", "tasks",
            "determining panic task", "tasks");
    private static final List<Pattern> BANNER = List.of(
            Pattern.compile("^crash \\d+\\.\\d+\\S*$"), Pattern.compile("^Copyright \\(C\\)"),
            Pattern.compile("^(This program|and you are welcome|certain conditions|This is free software|There is NO "
                    + "WARRANTY|License GPLv3|Type \"(show|apropos)|This GDB was configured|Find the GDB manual|For help, "
                    + "type|GNU gdb)"),
            Pattern.compile("^\\s*<http"));

    private final LineSink messages;
    private final LoadProgress progress;
    private final long started = System.nanoTime();
    private volatile String phase = "symbols";
    private volatile String detail = "gdb is reading the vmlinux's symbols";

    StartupLines(LineSink messages, LoadProgress progress) {
        this.messages = messages;
        this.progress = progress;
    }

    private final StringBuilder recent = new StringBuilder();

    /** Output as it arrives: reports each "please wait... (...)" once it is complete. */
    void raw(byte[] chunk) {
        recent.append(new String(chunk, StandardCharsets.ISO_8859_1));
        Matcher wait = PLEASE_WAIT.matcher(recent);
        int consumed = 0;
        while (wait.find()) {
            String what = wait.group(1).replaceFirst(":.*", "");
            if (!what.equals(detail)) {
                phase = PHASES.getOrDefault(what, phase);
                detail = what;
                report();
            }
            consumed = wait.end();
        }
        recent.delete(0, Math.max(consumed, recent.length() - 256)); // keep only what may start a message
    }

    @Override
    public void line(String line) {
        if (line.isBlank() || PLEASE_WAIT.matcher(line).find()
                || BANNER.stream().anyMatch(p -> p.matcher(line.strip()).find())) {
            return;
        }
        messages.line(line);
    }

    /** Reports the phase crash is in now, with the seconds since it started. */
    void report() {
        progress.report(phase, detail, (System.nanoTime() - started) / 1_000_000_000L);
    }
}
