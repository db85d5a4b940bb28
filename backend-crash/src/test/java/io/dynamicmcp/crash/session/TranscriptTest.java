package io.dynamicmcp.crash.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    private static final SessionInfo INFO = new SessionInfo("abcd1234", "202601010000/dump.202601010000",
            Path.of("/var/crash/202601010000/dump.202601010000"), Path.of("/usr/lib/debug/boot/vmlinux-6.1.0"),
            "6.1.0", "8.0.2", Optional.of("Kernel panic"), Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(8));

    @Test
    void anEmptyTranscriptSaysSo() {
        String text = new Transcript().render(INFO);
        assertTrue(text.startsWith("crash session abcd1234 on 202601010000/dump.202601010000 (kernel 6.1.0), started "
                + "2026-01-01T00:00:00Z\nvmlinux: /usr/lib/debug/boot/vmlinux-6.1.0\n"), text);
        assertTrue(text.endsWith("\n(no command has run yet)\n"), text);
    }

    @Test
    void onlyTheLastCommandsAreKept() {
        Transcript transcript = new Transcript();
        for (int i = 0; i < Transcript.MAX_COMMANDS + 5; i++) {
            transcript.record("crash_command", "p " + i, "completed", "$" + i + " = " + i);
        }
        String text = transcript.render(INFO);
        assertTrue(text.contains("[5 earlier command(s) are no longer kept]"), text.substring(0, 600));
        assertFalse(text.contains("crash> p 4 "), "a dropped command is still there");
        assertTrue(text.contains("\ncrash> p 5    ["), "the oldest kept command is missing");
        assertTrue(text.endsWith("crash_command, completed]\n$204 = 204\n"), text.substring(text.length() - 200));
    }

    @Test
    void theTextStaysUnderItsBudgetAndLongOutputsKeepTheirBeginning() {
        Transcript transcript = new Transcript();
        String huge = "é".repeat(Transcript.MAX_OUTPUT_CHARS * 2);
        for (int i = 0; i < 10; i++) {
            transcript.record("crash_triage", "log " + i, "completed", huge);
        }
        String text = transcript.render(INFO);
        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= Transcript.MAX_BYTES + 4096,
                "the transcript has " + text.getBytes(StandardCharsets.UTF_8).length + " bytes");
        assertTrue(text.contains("earlier command(s) are no longer kept"));
        assertTrue(text.contains("crash> log 9 "), "the newest command is missing");
        assertTrue(text.contains("[... the transcript keeps the first " + Transcript.MAX_OUTPUT_CHARS + " of "
                + huge.length() + " characters of this output; run the command again with crash_command"));
    }
}
