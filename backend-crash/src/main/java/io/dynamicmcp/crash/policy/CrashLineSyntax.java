package io.dynamicmcp.crash.policy;

/**
 * Character-level rules for the part of a line that goes to crash, independent of the command. They hold
 * whatever the quoting, because crash's own quote handling differs between its parser and its redirection
 * scanner, and gdb has its own again:
 * <ul>
 *   <li>printable ASCII only: control characters could end the line early or drive readline; bytes above
 *       0x7e are meta keys to readline, and look-alike characters could disguise syntax;</li>
 *   <li>no {@code |} or {@code !} (crash pipes to a shell or runs a shell command; {@code !N} re-runs
 *       history), no {@code >} except in {@code ->} (redirection to a file), no {@code <} (commands or
 *       arguments read from a file);</li>
 *   <li>no {@code ;}, backquote or backslash (a leading backslash bypasses crash's alias table);</li>
 *   <li>in gdb expressions: no assignment ({@code =} except in {@code ==}), no {@code ++}/{@code --}, and no
 *       {@code $name} convenience variables or functions (gdb's {@code $_shell(...)} runs a shell); value
 *       history {@code $}, {@code $$}, {@code $N} stays available.</li>
 * </ul>
 */
final class CrashLineSyntax {

    private CrashLineSyntax() {
    }

    /** @return why the text may not go to crash, or null when it may */
    static String check(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            String problem = problem(c, next, i == 0 ? 0 : text.charAt(i - 1));
            if (problem != null) {
                return problem + " (at position " + (i + 1) + " of '" + printable(text) + "')";
            }
            if (c == '=' && next == '=') {
                i++;
            }
        }
        return null;
    }

    private static String problem(char c, char next, char previous) {
        if (c < 0x20 || c == 0x7f) {
            return String.format("control character U+%04X is not allowed: one command per call, on one line", (int) c);
        }
        if (c > 0x7e) {
            return String.format("non-ASCII character U+%04X is not allowed in a crash command: crash's line editor"
                    + " treats such bytes as editing keys, and look-alike characters can disguise shell syntax."
                    + " Use plain ASCII (patterns after '| grep' may use any character)", (int) c);
        }
        switch (c) {
            case '!':
                return "'!' is not allowed: crash runs what follows it in a shell (or re-runs history)";
            case '|':
                return "'|' is not allowed here";
            case '>':
                return previous == '-' ? null
                        : "'>' is not allowed: crash redirects output to a file with it (only '->' member access"
                        + " is accepted)";
            case '<':
                return "'<' is not allowed: crash reads commands or arguments from a file with it";
            case ';':
                return "';' is not allowed: one command per call";
            case '`':
                return "backquotes are not allowed";
            case '\\':
                return "backslashes are not allowed (a leading backslash bypasses crash's aliases)";
            case '$':
                return Character.isLetter(next) || next == '_' || next == '(' || next == '{'
                        ? "gdb convenience variables and functions ($name, $_shell(...)) are not allowed; value"
                        + " history ($, $$, $N) is"
                        : null;
            case '=':
                return next == '=' ? null
                        : "assignment ('=', '+=', ...) is not allowed: it would write to memory. Use '==' to compare";
            case '+':
                return next == '+' ? "'++' is not allowed: it would write to memory" : null;
            case '-':
                return next == '-' ? "'--' is not allowed: it would write to memory (and crash has no long options)"
                        : null;
            default:
                return null;
        }
    }

    /** The text with anything unprintable shown as an escape, for messages. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        for (char c : shown.toCharArray()) {
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
