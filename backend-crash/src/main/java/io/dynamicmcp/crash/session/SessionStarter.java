package io.dynamicmcp.crash.session;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.RandomBytes;
import io.dynamicmcp.crash.symbols.ModuleDebugFiles;
import io.dynamicmcp.crash.symbols.ModuleDebugInfo;
import io.dynamicmcp.crash.symbols.ModuleSymbolLoader;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts crash on a dump on a terminal with a controlled environment (minimal variables, {@code TERM=dumb}, an
 * empty private {@code HOME}, no {@code .crashrc}), waits for its first prompt, and reads the panic string.
 */
public final class SessionStarter {

    /** {@code PANIC: "message"}, where crash 8.0.2 may add a remark after the quotes: {@code (check log for details)}. */
    private static final Pattern PANIC = Pattern.compile("^\\s*PANIC:\\s*(?:\"(.*)\"(?:\\s+\\(.*\\))?|(.*?))\\s*$");
    private static final Duration SYS_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_MODULE_COMMAND_LINES = 20_000;

    private final ProcessService processes;
    private final CrashExecutable executable;
    private final Path sessionsRoot;
    private final CrashConsole.Interrupts interrupts;
    private final List<Path> extensions;
    private final Optional<ModuleSearch> moduleSearch;

    /**
     * Where module debug information is looked for when a session starts.
     *
     * @param debugRoots the debug-symbol roots ({@code DEBUG_SYMBOL_PATH} and the defaults)
     * @param systemRoot {@code /}: its {@code usr/lib/debug/lib/modules/<rel>} and {@code lib/modules/<rel>} are searched
     * @param copies indexed copies of module files, loaded instead of the files where there is one
     */
    public record ModuleSearch(List<Path> debugRoots, Path systemRoot, ModuleSymbolLoader.IndexedCopies copies) {

        public ModuleSearch {
            debugRoots = List.copyOf(debugRoots);
            requireNonNull(systemRoot, "systemRoot is null");
            requireNonNull(copies, "copies is null");
        }
    }

    /** A starter that loads no module debug information. */
    public SessionStarter(ProcessService processes, CrashExecutable executable, Path sessionsRoot,
            Duration interruptGrace, Duration hangLimit, List<Path> extensions) {
        this(processes, executable, sessionsRoot, interruptGrace, hangLimit, extensions, Optional.empty());
    }

    /**
     * @param interruptGrace after a Ctrl-C, how long an answer waits for crash's prompt before it is given without it
     * @param hangLimit after a Ctrl-C, how long crash may take to come back before the session counts as hung and ends
     * @param extensions crash extensions an administrator allowed ({@code CRASH_EXTENSIONS}), loaded into every
     *     session by the server itself; clients can never run {@code extend}
     * @param moduleSearch where to look for the dump's modules' debug information, loaded into every session by the
     *     server ({@code mod -s}); clients can never run {@code mod -s}
     */
    public SessionStarter(ProcessService processes, CrashExecutable executable, Path sessionsRoot,
            Duration interruptGrace, Duration hangLimit, List<Path> extensions, Optional<ModuleSearch> moduleSearch) {
        this.processes = requireNonNull(processes, "processes is null");
        this.extensions = List.copyOf(requireNonNull(extensions, "extensions is null"));
        this.executable = requireNonNull(executable, "executable is null");
        this.sessionsRoot = requireNonNull(sessionsRoot, "sessionsRoot is null");
        this.interrupts = new CrashConsole.Interrupts(interruptGrace, hangLimit);
        this.moduleSearch = requireNonNull(moduleSearch, "moduleSearch is null");
    }

    /**
     * What to open.
     *
     * @param vmlinux the vmlinux matched to the dump, as the session reports it
     * @param symbols the file crash reads the symbols from: {@code vmlinux}, or its copy with a symbol index
     */
    public record Target(String dumpName, Path dump, Path vmlinux, Path symbols, String release, String crashVersion) {

        public Target(String dumpName, Path dump, Path vmlinux, String release, String crashVersion) {
            this(dumpName, dump, vmlinux, vmlinux, release, crashVersion);
        }
    }

    /**
     * Starts a session and waits until crash is ready.
     *
     * @param progress told about once a second which phase crash is in (symbols, dump, tasks, modules) and for how
     *        long
     * @throws ToolException with crash's own message when it cannot load the dump
     */
    public CrashSession start(String id, String owner, Target target, Duration timeout, CallCancellation cancellation,
            LoadProgress progress) throws InterruptedException {
        Instant started = Instant.now();
        long begin = System.nanoTime();
        Path directory = sessionsRoot.resolve(id);
        LineTail messages = new LineTail(40);
        CrashConsole console = null;
        try {
            console = launch(directory, true, List.of(target.symbols().toString(), target.dump().toString()));
            StartupLines startup = new StartupLines(messages, progress);
            startup.report();
            Reply loaded = console.awaitStartup(startup, startup::raw, timeout, cancellation,
                    seconds -> startup.report());
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
            List<ModuleDebugInfo> modules = loadModuleSymbols(console, target, cancellation, progress, begin);
            SessionInfo info = new SessionInfo(id, target.dumpName(), target.dump(), target.vmlinux(), target.release(),
                    target.crashVersion(), panic(sys.lines()), started, loadTime, warnings(messages.lines()), modules);
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

    /**
     * The debug information of the dump's modules that can be found and checked, loaded with {@code mod -s}; the
     * progress names the module being loaded, once a second (a few seconds for a hundred modules).
     */
    private List<ModuleDebugInfo> loadModuleSymbols(CrashConsole console, Target target, CallCancellation cancellation,
            LoadProgress progress, long begin) throws InterruptedException {
        if (moduleSearch.isEmpty()) {
            return List.of();
        }
        ModuleDebugFiles files = ModuleDebugFiles.forDump(target.dump(), target.release(),
                moduleSearch.get().debugRoots(), moduleSearch.get().systemRoot());
        return ModuleSymbolLoader.load(command -> {
            List<String> lines = new ArrayList<>();
            Reply reply = console.run(command, line -> {
                if (lines.size() < MAX_MODULE_COMMAND_LINES) {
                    lines.add(line);
                }
            }, SYS_TIMEOUT, cancellation);
            if (reply.ending() == Reply.Ending.SESSION_ENDED) {
                throw new ToolException("crash loaded " + target.dumpName() + " but then exited while loading module "
                        + "symbols ('" + command + "'): " + reply.endReason().orElse(""));
            }
            return lines;
        }, files, target.release(), new ModuleSymbolLoader.Progress() {
            private long reported;

            @Override
            public void module(String name, int number, int count) {
                long now = System.nanoTime();
                if (reported == 0 || now - reported >= 1_000_000_000L) {
                    reported = now;
                    progress.report("modules", "checking and loading the debug information of " + name + " (" + number
                            + " of " + count + ")", (now - begin) / 1_000_000_000L);
                }
            }
        }, moduleSearch.get().copies());
    }

    /** crash's {@code WARNING:} lines, each once. */
    static List<String> warnings(List<String> messages) {
        return messages.stream().map(String::strip).filter(l -> l.startsWith("WARNING:")).distinct().toList();
    }

    /** @param phases without crash's {@code -s}: it then says what it is loading ("please wait...") */
    private CrashConsole launch(Path directory, boolean phases, List<String> files) throws IOException {
        Path home = directory.resolve("home");
        Files.createDirectories(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String programName = "crash-" + HexFormat.of().formatHex(randomBytes());
        List<String> command = new ArrayList<>(executable.command(directory, programName));
        if (!phases) {
            command.add("-s");
        }
        command.addAll(List.of("--no_scroll", "--no_crashrc"));
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
        try (CrashConsole console = launch(directory, false,
                List.of("-d", "1", target.symbols().toString(), target.dump().toString()))) {
            console.awaitStartup(line -> {
                if (line.startsWith("crash:") || line.contains("error")) {
                    tail.line(line);
                }
            }, chunk -> { }, Duration.ofSeconds(60), new NeverCancelled(), seconds -> { });
        }
        return tail.lines();
    }

    static Optional<String> panic(List<String> sysLines) {
        for (String line : sysLines) {
            Matcher m = PANIC.matcher(line);
            if (m.matches()) {
                String panic = m.group(1) != null ? m.group(1) : m.group(2);
                if (!panic.isBlank()) {
                    return Optional.of(panic.strip());
                }
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
