package io.dynamicmcp.crash.dump;

import io.dynamicmcp.crash.session.CrashBinary;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a dump's kernel release: from the VMCOREINFO {@code OSRELEASE=} note (or a {@code Linux version} banner) in
 * the dump's first bytes, which costs a read; where they name none, from {@code crash --osrelease}, which costs a
 * crash process. The build-id comes from VMCOREINFO.
 */
public final class ReleaseReader {

    /** How far into a dump VMCOREINFO or a banner is looked for. */
    static final int SCAN_BYTES = 4 * 1024 * 1024;
    private static final Pattern OSRELEASE = Pattern.compile("OSRELEASE=([\\x21-\\x7e]{1,64})\n");
    private static final Pattern BUILD_ID = Pattern.compile("BUILD-ID=([0-9a-f]{8,128})\n");
    private static final Pattern BANNER = Pattern.compile("Linux version ([\\x21-\\x7e]{1,64}) \\(");
    private static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9._+~-]{1,64}");

    private final Optional<CrashBinary> crash;

    public ReleaseReader(Optional<CrashBinary> crash) {
        this.crash = crash;
    }

    /** The release and build-id that {@code head} (a dump's first bytes as ISO-8859-1) names. */
    public static KernelIdentity fromText(String head) {
        Optional<String> release = first(OSRELEASE, head).or(() -> first(BANNER, head))
                .filter(r -> RELEASE.matcher(r).matches());
        return new KernelIdentity(release, first(BUILD_ID, head));
    }

    /** Whether a crash binary is there to ask. */
    public boolean canAskCrash() {
        return crash.isPresent();
    }

    /** What {@code crash --osrelease} says (a crash process, up to 10 s); empty without crash or an answer. */
    public Optional<String> fromCrash(java.nio.file.Path dump) {
        return crash.flatMap(binary -> binary.runQuick(List.of("--osrelease", dump.toString())))
                .map(String::strip)
                .filter(out -> !out.isEmpty() && !out.equals("unknown") && !out.contains("\n"))
                .filter(r -> RELEASE.matcher(r).matches());
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
