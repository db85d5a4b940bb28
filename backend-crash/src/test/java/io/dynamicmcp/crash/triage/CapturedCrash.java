package io.dynamicmcp.crash.triage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamicmcp.crash.session.SessionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What crash printed for the triage commands on one panic-zoo dump, captured by scripts/capture-zoo-outputs into
 * test resources (zoo/CRASH-VERSION/CASE/), with the case's answer.json. Stands in for a crash session: each command
 * the triage runs gets the captured output, or nothing when none was captured.
 */
public final class CapturedCrash implements Triage.Commands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final List<String> asked = new ArrayList<>();

    private CapturedCrash(Path folder) {
        this.folder = folder;
    }

    /** Every captured dump: zoo/VERSION/CASE folders. */
    public static List<CapturedCrash> all() {
        try {
            Path root = Path.of(CapturedCrash.class.getResource("/zoo").toURI());
            List<CapturedCrash> all = new ArrayList<>();
            try (Stream<Path> versions = Files.list(root)) {
                for (Path version : versions.sorted().toList()) {
                    try (Stream<Path> cases = Files.list(version)) {
                        cases.filter(c -> Files.isRegularFile(c.resolve("answer.json"))).sorted()
                                .forEach(c -> all.add(new CapturedCrash(c)));
                    }
                }
            }
            return all;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the captured zoo outputs", e);
        }
    }

    public static CapturedCrash of(String version, String caseName) {
        return all().stream().filter(c -> c.version().equals(version) && c.caseName().equals(caseName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no capture of " + caseName + " with crash " + version));
    }

    public String version() {
        return folder.getParent().getFileName().toString();
    }

    public String caseName() {
        return folder.getFileName().toString();
    }

    @Override
    public String toString() {
        return caseName() + " (crash " + version() + ")";
    }

    /** The case's answer key. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> answer() {
        try {
            return JSON.readValue(folder.resolve("answer.json").toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> file(String name) {
        try {
            Path file = folder.resolve(name);
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The session this capture stands for: its crash version and the warnings crash printed when it loaded. */
    public SessionInfo session() {
        List<String> warnings = file("session.txt").stream().map(String::strip).filter(l -> l.startsWith("WARNING:"))
                .distinct().toList();
        return new SessionInfo("captured", "zoo/" + caseName() + "/vmcore", Path.of("/zoo", caseName(), "vmcore"),
                Path.of("/vmlinux"), "6.1.0-57-cloud-amd64", version(), Optional.empty(), Instant.EPOCH, Duration.ZERO,
                warnings, List.of());
    }

    /** The commands triage asked for, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public StepOutput run(String command) {
        asked.add(command);
        String file = switch (command) {
            case "sys" -> "sys.txt";
            case "bt" -> "bt.txt";
            case TriageReport.LOG_COMMAND -> "log.txt";
            case Modules.LIST_COMMAND -> "module-list.txt";
            case Modules.TABLE_COMMAND -> "mod.txt";
            case "mod -t" -> "mod-t.txt";
            case "p tainted_mask" -> "tainted_mask.txt";
            case "kmem -i" -> "kmem-i.txt";
            case "ps -G" -> "ps-G.txt";
            case "foreach UN bt" -> "foreach-UN-bt.txt";
            case "bt -a" -> "bt-a.txt";
            case "bt -o" -> "bt-o.txt";
            default -> captured(command);
        };
        if (file == null) {
            return new StepOutput(command, "completed", List.of(), 0, Optional.empty());
        }
        return new StepOutput(command, "completed", file(file), 1, Optional.empty());
    }

    /** {@code dis -l} at the exception RIP and {@code sym} of the culprit were captured (after mod -s); others not. */
    private String captured(String command) {
        if (command.equals("sym " + answer().get("culprit_function"))) {
            return "sym-culprit.txt";
        }
        if (command.startsWith("dis -l ")) {
            String where = command.substring("dis -l ".length(), command.length() - " 1".length());
            List<String> dis = file("dis-rip.txt");
            if (dis.stream().anyMatch(l -> l.startsWith("0x" + where + " ") || l.contains("<" + where + ">"))) {
                return "dis-rip.txt";
            }
        }
        return null;
    }
}
