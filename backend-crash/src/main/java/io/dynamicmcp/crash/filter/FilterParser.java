package io.dynamicmcp.crash.filter;

import io.dynamicmcp.spi.ToolException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the text after the first {@code |} of a command line into an {@link OutputFilter}. Supported,
 * chained with {@code |}: {@code grep [-i] [-v] [-c] [-E] [-F] [-w] PATTERN}, {@code head [-n] N} or
 * {@code head -N}, {@code tail [-n] N} or {@code tail -N}, {@code wc -l}. Patterns may be quoted with
 * {@code '} or {@code "}; inside double quotes a backslash escapes the next character.
 */
final class FilterParser {

    static final String SUPPORTED = "'| grep [-i] [-v] [-c] [-E] [-F] [-w] PATTERN', '| head [-n] N', "
            + "'| tail [-n] N' and '| wc -l', chained";

    private FilterParser() {
    }

    /** @throws ToolException saying what is wrong and what is supported */
    static OutputFilter parse(String pipeline) {
        List<FilterStage> stages = new ArrayList<>();
        for (List<String> words : splitStages(pipeline)) {
            stages.add(stage(words));
        }
        return OutputFilter.ofStages(stages);
    }

    private static FilterStage stage(List<String> words) {
        if (words.isEmpty()) {
            throw new ToolException("empty pipe stage: nothing between two '|'. Supported filters: " + SUPPORTED);
        }
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        switch (name) {
            case "grep":
            case "egrep":
                return grep(args);
            case "head":
                return new HeadStage(count("head", args));
            case "tail":
                return new TailStage(count("tail", args));
            case "wc":
                if (args.equals(List.of("-l"))) {
                    return new LineCountStage();
                }
                throw new ToolException("only 'wc -l' is supported after a pipe, got 'wc " + String.join(" ", args)
                        + "'");
            default:
                throw new ToolException("pipes to shell commands are not allowed ('| " + name + "'): crash never runs"
                        + " a shell for this server. The server applies these filters itself: " + SUPPORTED
                        + "; or use the grep/head/tail arguments of crash_command.");
        }
    }

    private static FilterStage grep(List<String> args) {
        boolean ignoreCase = false;
        boolean invert = false;
        boolean count = false;
        boolean literal = false;
        boolean word = false;
        StringBuilder flags = new StringBuilder();
        String pattern = null;
        boolean optionsDone = false;
        for (String arg : args) {
            if (pattern != null) {
                throw new ToolException("grep takes one pattern; got another argument '" + arg + "'. Quote a pattern"
                        + " that contains spaces, e.g. | grep 'sysrq handle'.");
            }
            if (!optionsDone && arg.equals("--")) {
                optionsDone = true;
            } else if (!optionsDone && arg.startsWith("-") && arg.length() > 1) {
                for (char c : arg.substring(1).toCharArray()) {
                    switch (c) {
                        case 'i' -> ignoreCase = true;
                        case 'v' -> invert = true;
                        case 'c' -> count = true;
                        case 'E' -> { }
                        case 'F' -> literal = true;
                        case 'w' -> word = true;
                        default -> throw new ToolException("grep option -" + c + " is not supported; supported: -i"
                                + " (ignore case), -v (invert), -c (count), -E (extended, the default), -F (fixed"
                                + " string), -w (whole words)");
                    }
                    if (c != 'E' && flags.indexOf(String.valueOf(c)) < 0) {
                        flags.append(c);
                    }
                }
            } else {
                pattern = arg;
            }
        }
        if (pattern == null) {
            throw new ToolException("grep needs a pattern, e.g. | grep -i panic");
        }
        LinePattern compiled = LinePattern.compile("grep", pattern, ignoreCase, literal, word);
        return new GrepStage(compiled, flags.length() == 0 ? "" : "-" + flags, invert, count);
    }

    private static int count(String name, List<String> args) {
        String number;
        if (args.isEmpty()) {
            return 10;
        } else if (args.size() == 1 && args.get(0).matches("-\\d{1,9}")) {
            number = args.get(0).substring(1);
        } else if (args.size() == 1 && args.get(0).matches("-n\\d{1,9}")) {
            number = args.get(0).substring(2);
        } else if (args.size() == 1 && args.get(0).matches("\\d{1,9}")) {
            number = args.get(0);
        } else if (args.size() == 2 && args.get(0).equals("-n") && args.get(1).matches("\\d{1,9}")) {
            number = args.get(1);
        } else {
            throw new ToolException("'" + name + " " + String.join(" ", args) + "' is not supported; use '| " + name
                    + " -n N' with N from 0 to " + OutputFilter.MAX_LINES);
        }
        return OutputFilter.lineCount(name, Long.parseLong(number));
    }

    /** Splits on unquoted {@code |} and whitespace; quotes group, a backslash in double quotes escapes. */
    static List<List<String>> splitStages(String text) {
        List<List<String>> stages = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                if (word == null) {
                    word = new StringBuilder();
                }
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '|') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                stages.add(words);
                words = new ArrayList<>();
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new ToolException("unbalanced " + (quote == '"' ? "double" : "single") + " quote in the filter '"
                    + text.strip() + "'");
        }
        if (word != null) {
            words.add(word.toString());
        }
        stages.add(words);
        return stages;
    }
}
