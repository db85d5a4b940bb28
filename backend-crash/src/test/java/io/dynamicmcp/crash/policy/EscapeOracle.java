package io.dynamicmcp.crash.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An independent statement of what must never reach crash, written from crash's source rather than from
 * the policy's code: tests check every allowed {@code crashCommand} against it.
 */
final class EscapeOracle {

    /** First words that are read-only in crash 8.x (global_data.c), and nothing else. */
    static final Set<String> READ_ONLY_COMMANDS = Set.of(
            "ascii", "bpf", "bt", "btop", "dev", "dis", "eval", "files", "foreach", "fuser", "help", "ipcs", "irq",
            "kmem", "list", "log", "mach", "mod", "mount", "net", "p", "ps", "pte", "ptob", "ptov", "rd", "runq",
            "rustfilt", "sbitmapq", "search", "set", "sig", "struct", "swap", "sym", "sys", "task", "timer", "tree",
            "union", "vm", "vtop", "waitq", "whatis");

    private static final Pattern SAFE_SET = Pattern.compile(
            "set( (-p|-v|-c ?\\d+|\\d+|(0x)?[0-9a-fA-F]+|radix (10|16)))?");

    private EscapeOracle() {
    }

    /** @return what is wrong with sending this line to crash, or null if nothing is */
    static String violation(String line) {
        if (line.isEmpty() || line.length() > 1400) {
            return "empty or too long";
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "non-printable or non-ASCII character";
            }
            if ("|!<;`\\".indexOf(c) >= 0) {
                return "shell/redirect/escape character " + c;
            }
            if (c == '>' && (i == 0 || line.charAt(i - 1) != '-')) {
                return "redirection";
            }
        }
        if (Pattern.compile("\\$[A-Za-z_({]").matcher(line).find()) {
            return "gdb convenience variable or function";
        }
        if (line.replace("==", "").contains("=") || line.contains("++") || line.contains("--")) {
            return "assignment or increment";
        }
        if (line.startsWith(" ") || line.startsWith("\"") || line.startsWith("'")) {
            return "command word not plain";
        }
        String[] words = line.split(" +");
        String first = words[0];
        if (!READ_ONLY_COMMANDS.contains(first) && !first.matches("p/[a-z]")) {
            return "first word '" + first + "' is not a read-only crash command";
        }
        List<String> pieces = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            for (String piece : words[i].split("[\"']")) {
                if (piece.startsWith("-")) {
                    pieces.add(piece);
                }
            }
        }
        switch (first) {
            case "rd":
                return pieces.stream().anyMatch(p -> p.contains("r")) ? "rd -r writes a file" : null;
            case "sys":
                return pieces.stream().anyMatch(p -> p.contains("p")) ? "sys -panic" : null;
            case "mod":
                return pieces.stream().anyMatch(p -> p.contains("s") || p.contains("S")) ? "mod -s/-S runs find" : null;
            case "dev":
                return pieces.stream().anyMatch(p -> p.contains("v")) ? "dev -v writes a file" : null;
            case "ps":
                boolean positional = false;
                for (int i = 1; i < words.length; i++) {
                    if (words[i].length() >= 2 && words[i].startsWith("'") && words[i].endsWith("'") && positional) {
                        return "ps with a regex after a name makes crash 8.0.2 segfault";
                    }
                    positional |= !words[i].startsWith("-") && !words[i].startsWith("'");
                }
                return null;
            case "set":
                return SAFE_SET.matcher(line.strip().replaceAll(" +", " ")).matches() ? null : "set changes more than the context";
            case "foreach":
                for (int i = 1; i < words.length; i++) {
                    for (String piece : words[i].split("[\"']")) {
                        if (piece.equals("set") || piece.equals("test")) {
                            return "foreach " + piece;
                        }
                    }
                }
                return null;
            default:
                return null;
        }
    }
}
