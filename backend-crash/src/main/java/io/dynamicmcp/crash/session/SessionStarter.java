package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.spi.CallCancellation;
import io.dynamicmcp.spi.ChildProcess;
import io.dynamicmcp.spi.ProcessService;
import io.dynamicmcp.spi.ProcessSpec;
import io.dynamicmcp.spi.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts crash on a dump on a terminal with a controlled environment (minimal variables, {@code TERM=dumb}, an
 * empty private {@code HOME}, no {@code .crashrc}), waits for its first prompt, and reads the panic string.
 */
public final class SessionStarter {

    private static final Pattern PANIC = Pattern.compile("^\\s*PANIC:\\s*\"?(.*?)\"?\\s*$");
    private static final Duration SYS_TIMEOUT = Duration.ofSeconds(60);

    private final ProcessService processes;
    private final CrashExecutable executable;
    private final Path sessionsRoot;
    private final CrashConsole.Interrupts interrupts;
    private final List<Path> extensions;

    /**
     * @param extensions crash extensions an administrator allowed ({@code CRASH_EXTENSIONS}), loaded into every
     *     session by the server itself; clients can never run {@code extend}
     */
    /**
     * @param interruptGrace after a Ctrl-C, how long an answer waits for crash's prompt before it is given without it
     * @param hangLimit after a Ctrl-C, how long crash may take to come back before the session counts as hung and ends
     */
    public SessionStarter(ProcessService processes, CrashExecutable executable, Path sessionsRoot,
            Duration interruptGrace, Duration hangLimit, List<Path> extensions) {
        this.processes = requireNonNull(processes, "processes is null");
        this.extensions = List.copyOf(requireNonNull(extensions, "extensions is null"));
        this.executable = requireNonNull(executable, "executable is null");
        this.sessionsRoot = requireNonNull(sessionsRoot, "sessionsRoot is null");
        this.interrupts = new CrashConsole.Interrupts(interruptGrace, hangLimit);
    }

    /** What to open. */
    public record Target(String dumpName, Path dump, Path vmlinux, String release, String crashVersion) {
    }

    /**
     * Starts a session and waits until crash is ready.
     *
     * @param tick called about once a second with the seconds spent loading
     * @throws ToolException with crash's own message when it cannot load the dump
     */
    public CrashSession start(String id, String owner, Target target, Duration timeout, CallCancellation cancellation,
            LongConsumer tick) throws InterruptedException {
        Instant started = Instant.now();
        long begin = System.nanoTime();
        Path directory = sessionsRoot.resolve(id);
        LineTail messages = new LineTail(40);
        CrashConsole console = null;
        try {
            console = launch(directory, List.of(target.vmlinux().toString(), target.dump().toString()));
            Reply loaded = console.awaitStartup(messages, timeout, cancellation, tick);
            if (loaded.ending() != Reply.Ending.COMPLETED) {
                throw new ToolException(loadFailure(target, messages.lines(), loaded, directory));
            }
            for (Path extension : extensions) {
                LineTail said = new LineTail(20);
                Reply reply = console.run("extend " + extension, said, SYS_TIMEOUT, cancellation);
                if (reply.ending() != Reply.Ending.COMPLETED) {
                    throw new ToolException("crash could not load the extension " + extension + " (CRASH_EXTENSIONS): "
                            + String.join(" ", said.lines()));
                }
            }
            Duration loadTime = Duration.ofNanos(System.nanoTime() - begin);
            LineTail sys = new LineTail(200);
            Reply sysReply = console.run("sys", sys, SYS_TIMEOUT, cancellation);
            if (sysReply.ending() == Reply.Ending.SESSION_ENDED) {
                throw new ToolException("crash loaded " + target.dumpName() + " but then exited: "
                        + sysReply.endReason().orElse("") + "\n" + String.join("\n", sys.lines()));
            }
            SessionInfo info = new SessionInfo(id, target.dumpName(), target.dump(), target.vmlinux(), target.release(),
                    target.crashVersion(), panic(sys.lines()), started, loadTime);
            CrashSession session = new CrashSession(info, owner, console, directory);
            console = null;
            return session;
        } catch (IOException e) {
            throw new ToolException("cannot start crash: " + e.getMessage());
        } finally {
            if (console != null) {
                console.close();
                delete(directory);
            }
        }
    }

    private CrashConsole launch(Path directory, List<String> files) throws IOException {
        Path home = directory.resolve("home");
        Files.createDirectories(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String programName = "crash-" + HexFormat.of().formatHex(randomBytes());
        List<String> command = new ArrayList<>(executable.command(directory, programName));
        command.addAll(List.of("-s", "--no_scroll", "--no_crashrc"));
        command.addAll(files);
        ChildProcess child = processes.start(ProcessSpec.command(command).environment(ProcessSpec.minimalEnvironment(home))
                .directory(directory).terminal().build());
        return new CrashConsole(child, programName, interrupts);
    }

    private String loadFailure(Target target, List<String> messages, Reply reply, Path directory)
            throws InterruptedException, IOException {
        List<String> shown = messages;
        if (shown.isEmpty() && reply.ending() == Reply.Ending.SESSION_ENDED) {
            shown = debugMessages(directory, target);
        }
        StringBuilder text = new StringBuilder("crash could not load ").append(target.dumpName())
                .append(" with ").append(target.vmlinux()).append(": ")
                .append(reply.endReason().orElse(reply.ending().name())).append('.');
        if (!shown.isEmpty()) {
            text.append("\ncrash said:\n  ").append(String.join("\n  ", shown));
        }
        text.append("\nThe dump may be truncated or corrupt (was it copied completely?), or the vmlinux may not "
                + "match it. Check its size against the original; list_crash_dumps shows its format and release.");
        return text.toString();
    }

    /** crash -s says nothing on some load failures; {@code -d 1} makes it name the error. */
    private List<String> debugMessages(Path directory, Target target) throws InterruptedException, IOException {
        LineTail tail = new LineTail(4);
        try (CrashConsole console = launch(directory,
                List.of("-d", "1", target.vmlinux().toString(), target.dump().toString()))) {
            console.awaitStartup(line -> {
                if (line.startsWith("crash:") || line.contains("error")) {
                    tail.line(line);
                }
            }, Duration.ofSeconds(60), new NeverCancelled(), seconds -> { });
        }
        return tail.lines();
    }

    static Optional<String> panic(List<String> sysLines) {
        for (String line : sysLines) {
            Matcher m = PANIC.matcher(line);
            if (m.matches() && !m.group(1).isBlank()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static byte[] randomBytes() {
        return RandomBytes.next(6);
    }

    private static void delete(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
