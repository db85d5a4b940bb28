package io.dynamicmcp.crash.dump;

import io.dynamicmcp.crash.session.CrashBinary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a dump's kernel release: {@code crash --osrelease} first, then the VMCOREINFO {@code OSRELEASE=} note
 * or a {@code Linux version} banner within the first few megabytes. The build-id comes from VMCOREINFO.
 */
public final class ReleaseReader {

    static final int SCAN_BYTES = 4 * 1024 * 1024;
    private static final Pattern OSRELEASE = Pattern.compile("OSRELEASE=([\\x21-\\x7e]{1,64})\n");
    private static final Pattern BUILD_ID = Pattern.compile("BUILD-ID=([0-9a-f]{8,128})\n");
    private static final Pattern BANNER = Pattern.compile("Linux version ([\\x21-\\x7e]{1,64}) \\(");
    private static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9._+~-]{1,64}");

    private final Optional<CrashBinary> crash;

    public ReleaseReader(Optional<CrashBinary> crash) {
        this.crash = crash;
    }

    public KernelIdentity read(Path dump) {
        String head = head(dump);
        Optional<String> release = crash.flatMap(binary -> fromCrash(binary, dump));
        if (release.isEmpty()) {
            release = first(OSRELEASE, head).or(() -> first(BANNER, head));
        }
        return new KernelIdentity(release.filter(r -> RELEASE.matcher(r).matches()), first(BUILD_ID, head));
    }

    private static Optional<String> fromCrash(CrashBinary binary, Path dump) {
        return binary.runQuick(List.of("--osrelease", dump.toString()))
                .map(String::strip)
                .filter(out -> !out.isEmpty() && !out.equals("unknown") && !out.contains("\n"));
    }

    private static String head(Path dump) {
        try (InputStream in = Files.newInputStream(dump)) {
            return new String(in.readNBytes(SCAN_BYTES), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
