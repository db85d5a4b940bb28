package io.dynamicmcp.core.process;

import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.ProcessSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run in a JVM of its own (started by {@link CleanStartTest} from a parent that ignores or blocks signals): starts
 * children the way the server does, as on an older glibc, and as without the C library, on a terminal and on pipes, and prints one line per child: the path, the
 * streams, the child's blocked and ignored signal masks, and the exit status of a {@code sleep} interrupted the way the
 * service interrupts (Ctrl-C on a terminal, SIGINT on pipes).
 */
public final class SignalStateProbe {

    private SignalStateProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("signal-probe");
        System.out.println("probe " + masks("/proc/self/status"));
        Libc libc = Libc.instance().orElseThrow();
        Map<String, Optional<CleanSpawn>> launchers = new LinkedHashMap<>();
        launchers.put("SPAWN", Optional.of(new CleanSpawn(libc)));
        launchers.put("OLDER_GLIBC", Optional.of(new CleanSpawn(libc, false, false)));
        launchers.put("NO_LIBC", Optional.empty());
        for (Map.Entry<String, Optional<CleanSpawn>> launcher : launchers.entrySet()) {
            for (boolean terminal : List.of(true, false)) {
                if (terminal && launcher.getValue().isEmpty()) {
                    continue;
                }
                try (HostProcesses processes = new HostProcesses("probe", new ChildLauncher(launcher.getValue(), 4))) {
                    String masks = masksOfChild(processes, home, terminal);
                    String interrupted = interruptedSleep(processes, home, terminal);
                    System.out.println(launcher.getKey() + " " + (terminal ? "terminal" : "pipes") + " " + masks
                            + " sleep-after-interrupt=" + interrupted);
                }
            }
        }
        System.out.flush();
    }

    private static String masksOfChild(HostProcesses processes, Path home, boolean terminal) throws Exception {
        ProcessSpec.Builder spec = ProcessSpec.command("grep", "-E", "^Sig(Blk|Ign):", "/proc/self/status").directory(home);
        try (ChildProcess child = processes.start(terminal ? spec.terminal().build() : spec.build())) {
            StringBuilder out = new StringBuilder();
            byte[] chunk;
            while ((chunk = child.read(Duration.ofSeconds(10))) != null) {
                out.append(new String(chunk, StandardCharsets.UTF_8));
            }
            return out.toString().replaceAll("\\s+", " ").replace(": ", "=").trim();
        }
    }

    private static String interruptedSleep(HostProcesses processes, Path home, boolean terminal) throws Exception {
        ProcessSpec.Builder spec = ProcessSpec.command("sleep", "60").directory(home);
        try (ChildProcess child = processes.start(terminal ? spec.terminal().build() : spec.build())) {
            Thread.sleep(300); // let sleep start (a terminal's Ctrl-C before exec would hit the spawner)
            child.interrupt();
            return child.waitFor(Duration.ofSeconds(10)) ? String.valueOf(child.exitStatus().orElseThrow()) : "still-running";
        }
    }

    private static String masks(String status) throws Exception {
        return Files.readAllLines(Path.of(status)).stream().filter(l -> l.matches("^Sig(Blk|Ign):.*"))
                .map(l -> l.replaceAll("\\s+", "").replace(":", "=")).reduce((a, b) -> a + " " + b).orElse("");
    }
}
