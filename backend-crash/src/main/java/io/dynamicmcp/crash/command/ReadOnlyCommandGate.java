package io.dynamicmcp.crash.command;

import io.dynamicmcp.spi.ToolException;
import java.util.Set;

/**
 * A deliberately narrow gate: only well-known read-only analysis commands, and no character crash or a shell
 * could use to run a program, redirect output, chain commands or recall history.
 */
public final class ReadOnlyCommandGate implements CommandGate {

    public static final int MAX_LENGTH = 900;

    private static final Set<String> ALLOWED = Set.of(
            "sys", "bt", "log", "mod", "ps", "p", "px", "pd", "rd", "dis", "struct", "union", "kmem", "files", "vm",
            "task", "help", "sym", "whatis", "irq", "net", "dev", "mach", "runq", "timer", "sig", "swap", "waitq",
            "ipcs", "mount", "tree", "list", "search", "foreach", "fuser", "eval", "ascii", "btop", "ptob", "ptov",
            "vtop", "pte", "sbitmapq", "bpf");

    @Override
    public String admit(String commandLine) {
        String command = commandLine.strip();
        if (command.isEmpty()) {
            throw new ToolException("command is empty; try 'sys' or 'bt'");
        }
        if (command.length() > MAX_LENGTH) {
            throw new ToolException("command is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                throw new ToolException("command contains a control character (code " + (int) c
                        + "); send one command per call");
            }
        }
        for (String banned : new String[] {"!", "|", ">", "<", ";", "`", "$("}) {
            if (command.contains(banned)) {
                throw new ToolException("command contains '" + banned + "': shell escapes, pipes, redirection and "
                        + "chained commands are not allowed. Use the grep, head and tail arguments to filter output");
            }
        }
        String first = command.split("\\s+", 2)[0];
        if (!ALLOWED.contains(first)) {
            throw new ToolException("'" + first + "' is not an allowed crash command here; allowed: "
                    + String.join(" ", new java.util.TreeSet<>(ALLOWED)));
        }
        return command.replace('\t', ' ');
    }
}
