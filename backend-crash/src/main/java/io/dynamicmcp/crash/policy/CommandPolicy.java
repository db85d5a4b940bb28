package io.dynamicmcp.crash.policy;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.filter.OutputFilter;
import io.dynamicmcp.spi.InvalidSettingException;
import io.dynamicmcp.spi.Settings;
import io.dynamicmcp.spi.ToolException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Decides which command lines a client may send to crash, and splits off the output filters the server
 * applies itself. On by default, it lets through only crash's read-only analysis commands, so a client can
 * never run a shell, write a file, load code or write memory through crash.
 *
 * <p>A line is checked in this order: its length and characters (no control characters; tabs become
 * spaces); the first {@code |} ends the crash part and starts the filters ({@link OutputFilter#parse}); the crash
 * part's characters ({@link CrashLineSyntax}); crash's built-in aliases are resolved; the first word must be
 * allowed; then that command's argument rule. The verdict's {@code crashCommand} is exactly what crash
 * must receive.
 *
 * <p>Administrators (never clients) can change it through settings, each with its risk:
 * <ul>
 *   <li>{@code CRASH_ALLOW_COMMANDS}: more first words, allowed with any arguments (the character rules
 *       still apply). Words crash does not know go to gdb: allowing {@code gdb}, {@code g} or any gdb command
 *       gives clients gdb, whose {@code shell}, {@code pipe} and {@code python} commands run programs as the
 *       server's user (root). Allowing {@code alias}, {@code extend}, {@code wr} or {@code repeat} gives
 *       clients exactly what those do.</li>
 *   <li>{@code CRASH_DENY_COMMANDS}: first words removed from what is allowed; deny wins. No risk.</li>
 *   <li>{@code CRASH_EXTENSIONS}: colon-separated absolute paths of crash extension shared objects that the
 *       session code loads ({@code extend}) at session start. They run as native code inside crash with its
 *       privileges; list only extensions you trust, in folders only root can write.</li>
 *   <li>{@code CRASH_EXTENSION_COMMANDS}: the commands those extensions add, allowed with any arguments:
 *       whatever those commands can do, clients can.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class CommandPolicy {

    /** The longest line (command and filters) accepted. */
    public static final int MAX_LINE = 4096;

    /** The longest line sent to crash; crash itself refuses lines of 1500 bytes or more. */
    public static final int MAX_CRASH_COMMAND = 1024;

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.?-]{1,64}");
    private static final Pattern EXTENSION_PATH = Pattern.compile("/[A-Za-z0-9_./+-]{1,1000}");
    private static final Pattern PRINT_FORMAT = Pattern.compile("p/[xduotacfz]");
    private static final Pattern SPACES = Pattern.compile(" +");

    private final Map<String, CommandRule> allowed;
    private final List<Path> extensions;

    private CommandPolicy(Map<String, CommandRule> allowed, List<Path> extensions) {
        this.allowed = Map.copyOf(allowed);
        this.extensions = List.copyOf(extensions);
    }

    /** The default policy: crash's read-only analysis commands, no extensions. */
    public static CommandPolicy defaults() {
        return new CommandPolicy(CommandTable.defaultAllowed(), List.of());
    }

    /**
     * The policy an administrator configured.
     *
     * @throws InvalidSettingException when a setting is malformed
     */
    public static CommandPolicy fromSettings(Settings settings) {
        requireNonNull(settings, "settings is null");
        Map<String, CommandRule> allowed = new LinkedHashMap<>(CommandTable.defaultAllowed());
        for (String key : List.of("CRASH_ALLOW_COMMANDS", "CRASH_EXTENSION_COMMANDS")) {
            for (String word : words(settings, key)) {
                allowed.put(word, CommandRule.ANY);
            }
        }
        for (String word : words(settings, "CRASH_DENY_COMMANDS")) {
            allowed.remove(word);
        }
        List<Path> extensions = new ArrayList<>();
        for (Path path : settings.paths("CRASH_EXTENSIONS", List.of())) {
            if (!EXTENSION_PATH.matcher(path.toString()).matches() || !path.normalize().equals(path)) {
                throw new InvalidSettingException("CRASH_EXTENSIONS", path.toString(),
                        "absolute, normalised paths of letters, digits and _ . / + - only, separated by ':'");
            }
            extensions.add(path);
        }
        return new CommandPolicy(allowed, extensions);
    }

    private static List<String> words(Settings settings, String key) {
        List<String> words = settings.words(key, List.of());
        for (String word : words) {
            if (!WORD.matcher(word).matches()) {
                throw new InvalidSettingException(key, word, "command names of letters, digits and _ . ? -");
            }
        }
        return words;
    }

    /** The extension shared objects the session code should {@code extend} at session start, in order. */
    public List<Path> extensions() {
        return extensions;
    }

    /** The first words this policy allows, sorted. */
    public Set<String> allowedCommands() {
        return new TreeSet<>(allowed.keySet());
    }

    /** Checks a command line, optionally ending in filters such as {@code | grep -i panic | head -n 20}. */
    public Verdict check(String commandLine) {
        if (commandLine == null) {
            return Verdict.reject("the command is missing; send a crash command such as 'sys' or 'bt'");
        }
        if (commandLine.length() > MAX_LINE) {
            return Verdict.reject("the command is " + commandLine.length() + " characters long; at most " + MAX_LINE
                    + " are allowed");
        }
        String line = commandLine.replace('\t', ' ');
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                return Verdict.reject(String.format("control character U+%04X at position %d is not allowed: send one"
                        + " command per call, on one line", (int) c, i + 1));
            }
        }
        int pipe = line.indexOf('|');
        String crashPart = (pipe < 0 ? line : line.substring(0, pipe)).strip();
        OutputFilter filter;
        try {
            filter = pipe < 0 ? OutputFilter.none() : OutputFilter.parse(line.substring(pipe + 1));
        } catch (ToolException e) {
            return Verdict.reject(e.getMessage());
        }
        if (crashPart.isEmpty()) {
            return Verdict.reject(pipe < 0 ? "the command is empty; send a crash command such as 'sys' or 'bt'"
                    : "nothing before '|': pipes filter a crash command's output, e.g. 'log | grep -i panic'");
        }
        String problem = CrashLineSyntax.check(crashPart);
        if (problem != null) {
            return Verdict.reject(problem);
        }
        List<String> words = new ArrayList<>(Arrays.asList(SPACES.split(crashPart)));
        String alias = CommandTable.ALIASES.get(words.get(0));
        if (alias != null) {
            words.remove(0);
            words.addAll(0, Arrays.asList(alias.split(" ")));
        }
        String name = PRINT_FORMAT.matcher(words.get(0)).matches() ? "p" : words.get(0);
        CommandRule rule = allowed.get(name);
        if (rule == null) {
            return Verdict.reject(notAllowed(name, alias != null ? words.get(0) + " (alias of '" + alias + "')"
                    : name));
        }
        List<String> args = words.subList(1, words.size());
        String refused = rule.check(args);
        if (refused != null) {
            return Verdict.reject(refused);
        }
        String crashCommand = alias == null ? crashPart
                : alias + crashPart.substring(crashPart.indexOf(' ') < 0 ? crashPart.length() : crashPart.indexOf(' '));
        if (crashCommand.length() > MAX_CRASH_COMMAND) {
            return Verdict.reject("the crash command is " + crashCommand.length() + " characters long; at most "
                    + MAX_CRASH_COMMAND + " are allowed");
        }
        return Verdict.allow(crashCommand, filter);
    }

    private String notAllowed(String name, String shown) {
        String reason = CommandTable.DENIED.get(name);
        if (reason != null) {
            return reason;
        }
        if (CommandTable.SHELL_PROGRAMS.contains(name)) {
            return "'" + name + "' is not allowed: crash runs it as a shell program. To filter output, end the"
                    + " command with '| grep PATTERN', '| head -n N', '| tail -n N' or '| wc -l', or use the"
                    + " grep/head/tail arguments of crash_command";
        }
        if (name.startsWith("hi")) {
            return "crash's history is not available; send the command itself";
        }
        if (name.startsWith("\"") || name.startsWith("'")) {
            return "the command name must be a plain word, not quoted";
        }
        String known = CommandTable.defaultAllowed().containsKey(name)
                ? "'" + shown + "' is disabled by the administrator (CRASH_DENY_COMMANDS). "
                : "'" + shown + "' is not a command this server allows. For a data type use 'struct NAME' or"
                + " 'union NAME'; gdb commands are not passed through. ";
        return known + "Allowed commands: " + String.join(", ", allowedCommands())
                + " (aliases: px, pd, p/FMT, for, dmesg, lsmod, man, hex, dec)";
    }

    @Override
    public String toString() {
        return "CommandPolicy" + allowedCommands() + (extensions.isEmpty() ? "" : " extensions " + extensions);
    }
}
