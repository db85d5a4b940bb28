package io.dynamicmcp.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Children start clean whatever started the server: a JVM started by a parent that ignores or blocks signals (a
 * background job of a script, nohup, some supervisors) starts {@link SignalStateProbe}, which starts children through
 * each launch path and reports their signal state and whether an interrupt reaches a program that relies on the
 * default action ({@code sleep}).
 */
class CleanStartTest {

    private static final Path PERL = Path.of("/usr/bin/perl");

    /** What the probe's parent does to its signals before it execs the JVM (Perl's POSIX module, in perl-base). */
    private static final Map<String, String> PARENTS = Map.of(
            "ignores-int-quit", "$SIG{INT}='IGNORE'; $SIG{QUIT}='IGNORE';",
            "blocks-int", "sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGINT));",
            "ignores-and-blocks-many", "$SIG{$_}='IGNORE' for qw(INT QUIT HUP PIPE TSTP TTIN TTOU TERM); "
                    + "sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGINT, SIGQUIT, SIGUSR1, SIGTERM, SIGHUP));");

    @ParameterizedTest
    @ValueSource(strings = {"ignores-int-quit", "blocks-int", "ignores-and-blocks-many"})
    void childrenStartWithDefaultSignalsAndAnEmptyMask(String parent) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PERL), "SKIPPED: needs /usr/bin/perl (Debian: perl-base) to start "
                + "the probe from a parent that ignores or blocks signals");
        Map<String, String> lines = probe(PARENTS.get(parent));
        assertTrue(!lines.get("probe").contains("0000000000000000 SigIgn=0000000000000000"),
                "the probe JVM itself should have inherited the parent's signal state: " + lines.get("probe"));
        for (String child : List.of("SPAWN terminal", "SPAWN pipes", "OLDER_GLIBC terminal", "OLDER_GLIBC pipes")) {
            assertEquals("SigBlk=0000000000000000 SigIgn=0000000000000000 sleep-after-interrupt=130", lines.get(child),
                    child + " under a parent that " + parent + "; all: " + lines);
        }
        System.err.println("without the C library, under a parent that " + parent + ": " + lines.get("NO_LIBC pipes"));
    }

    private static Map<String, String> probe(String setUp) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(PERL.toString(), "-MPOSIX", "-e", setUp + " exec @ARGV or die",
                java, "-cp", System.getProperty("java.class.path"), SignalStateProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe hung");
        assertEquals(0, process.exitValue(), out);
        return out.lines().map(line -> line.split(" Sig", 2)).filter(parts -> parts.length == 2)
                .collect(Collectors.toMap(parts -> parts[0], parts -> "Sig" + parts[1]));
    }
}
