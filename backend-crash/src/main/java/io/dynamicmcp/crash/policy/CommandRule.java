package io.dynamicmcp.crash.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What one allowed command may take as arguments. */
@FunctionalInterface
interface CommandRule {

    /** Any arguments (after the line-level checks). */
    CommandRule ANY = args -> null;

    /** Where a word is split into the parts crash reads as separate (a quote ends or starts one). */
    Pattern QUOTES = Pattern.compile("[\"']");

    /**
     * @param args the words after the command, split on spaces, quotes left in place
     * @return why the arguments are refused, or null
     */
    String check(List<String> args);

    /**
     * Refuses every option letter in {@code letters}, wherever it appears: crash uses getopt, which
     * permutes, clusters ({@code -xr}) and accepts attached values, so any word (or part of a quoted word)
     * starting with {@code -} that contains a refused letter is refused.
     */
    static CommandRule forbidOptions(String command, String letters, String why) {
        return args -> {
            for (String piece : optionPieces(args)) {
                for (char c : letters.toCharArray()) {
                    if (piece.indexOf(c) > 0) {
                        return "'" + command + " -" + c + "' is not allowed: " + why;
                    }
                }
            }
            return null;
        };
    }

    /** Every part of every word, split at quotes, that starts with {@code -}. */
    static List<String> optionPieces(List<String> args) {
        List<String> pieces = new ArrayList<>();
        for (String arg : args) {
            for (String piece : QUOTES.split(arg)) {
                if (piece.startsWith("-") && piece.length() > 1) {
                    pieces.add(piece);
                }
            }
        }
        return pieces;
    }

    /** {@code set}: only the context, the radix and showing settings. */
    CommandRule SET = new CommandRule() {
        private final Pattern context = Pattern.compile("\\d{1,10}|(0x)?[0-9a-fA-F]{1,16}|hex|dec");
        private final Pattern cpu = Pattern.compile("-c\\d{1,5}");

        @Override
        public String check(List<String> args) {
            boolean ok = switch (args.size()) {
                case 0 -> true;
                case 1 -> args.get(0).equals("-p") || args.get(0).equals("-v") || cpu.matcher(args.get(0)).matches()
                        || context.matcher(args.get(0)).matches();
                case 2 -> (args.get(0).equals("-c") && args.get(1).matches("\\d{1,5}"))
                        || (args.get(0).equals("radix") && (args.get(1).equals("10") || args.get(1).equals("16")));
                default -> false;
            };
            return ok ? null
                    : "'set " + String.join(" ", args) + "' is not allowed. Allowed: 'set' (show the context), 'set PID'"
                    + " or 'set TASK-ADDRESS' (change it), 'set -p' (the panic task), 'set -c CPU', 'set -v',"
                    + " 'set radix 10|16'. Other crash variables (scroll, console, error, edit, gdb, namelist, ...)"
                    + " can start a pager, write files or hand the session to gdb.";
        }
    };

    /** {@code foreach}: its task selectors and flags are read-only; only some subcommands are allowed. */
    CommandRule FOREACH = args -> {
        for (String arg : args) {
            for (String piece : QUOTES.split(arg)) {
                if (piece.equals("set") || piece.equals("test")) {
                    return "'foreach ... " + piece + "' is not allowed; foreach may run bt, vm, task, files, net, vtop,"
                            + " sig and ps";
                }
            }
        }
        return null;
    };

    /**
     * {@code ps}: crash 8.0.2 dies (SIGSEGV in show_ps) when a quoted {@code 'regex'} follows a task name,
     * pid or task address, e.g. {@code ps x 'a'}; refuse that order so a client cannot kill its session.
     */
    CommandRule PS = args -> {
        boolean positional = false;
        for (String arg : args) {
            if (arg.length() >= 2 && arg.startsWith("'") && arg.endsWith("'")) {
                if (positional) {
                    return "'ps' with a 'regex' after a name, pid or task address makes crash 8.0.2 crash; put the"
                            + " quoted regular expressions first, e.g. ps 'bash' 1";
                }
            } else if (!arg.startsWith("-")) {
                positional = true;
            }
        }
        return null;
    };
}
