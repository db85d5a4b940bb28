package io.dynamicmcp.crash.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * crash's command table (global_data.c), its built-in aliases (cmdline.c, alias_init) and what this server
 * allows of them by default.
 */
final class CommandTable {

    /** crash's built-in aliases, resolved before the policy looks at a line. */
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("man", "help"),
            Map.entry("?", "help"),
            Map.entry("quit", "q"),
            Map.entry("sf", "set scroll off"),
            Map.entry("sn", "set scroll on"),
            Map.entry("hex", "set radix 16"),
            Map.entry("dec", "set radix 10"),
            Map.entry("g", "gdb"),
            Map.entry("px", "p -x"),
            Map.entry("pd", "p -d"),
            Map.entry("for", "foreach"),
            Map.entry("size", "*"),
            Map.entry("dmesg", "log"),
            Map.entry("lsmod", "mod"));

    /** The read-only analysis commands allowed by default, with their argument rules. */
    static Map<String, CommandRule> defaultAllowed() {
        Map<String, CommandRule> allowed = new LinkedHashMap<>();
        for (String name : new String[] {
            "ascii", "bpf", "bt", "btop", "dis", "eval", "files", "fuser", "help", "ipcs", "irq", "kmem", "list",
            "log", "mach", "mount", "net", "p", "pte", "ptob", "ptov", "runq", "rustfilt", "sbitmapq",
            "search", "sig", "struct", "swap", "sym", "task", "timer", "tree", "union", "vm", "vtop", "waitq",
            "whatis"}) {
            allowed.put(name, CommandRule.ANY);
        }
        allowed.put("rd", CommandRule.forbidOptions("rd", "r", "it writes raw memory to a file"));
        allowed.put("sys", CommandRule.forbidOptions("sys", "p", "'sys -panic' panics the running kernel on a live"
                + " system"));
        allowed.put("dev", CommandRule.forbidOptions("dev", "v", "it can write a device dump to a file"));
        allowed.put("mod", CommandRule.forbidOptions("mod", "sS", "loading module debuginfo makes crash run"
                + " /usr/bin/find through a shell and read object files from any path given. Plain 'mod', 'mod -t'"
                + " and 'mod -d' work"));
        allowed.put("ps", CommandRule.PS);
        allowed.put("set", CommandRule.SET);
        allowed.put("foreach", CommandRule.FOREACH);
        return allowed;
    }

    /** Why a known crash (or crash-reachable) command is not allowed, with what to do instead. */
    static final Map<String, String> DENIED = Map.ofEntries(
            Map.entry("alias", "'alias' is not allowed: an alias can hide a shell escape or redirection"),
            Map.entry("extend", "'extend' is not allowed: it loads shared objects into crash. An administrator can"
                    + " preload extensions with CRASH_EXTENSIONS"),
            Map.entry("gdb", "'gdb' passthrough is not allowed: gdb can run shell commands, pipes and scripts. Use"
                    + " crash's own p, struct, union, whatis, sym and dis"),
            Map.entry("wr", "'wr' is not allowed: it writes to memory"),
            Map.entry("repeat", "'repeat' is not allowed: it repeats a command until interrupted. Run the command"
                    + " again instead"),
            Map.entry("q", "quitting is not done through crash_command; use close_crash_session"),
            Map.entry("Q", "quitting is not done through crash_command; use close_crash_session"),
            Map.entry("exit", "quitting is not done through crash_command; use close_crash_session"),
            Map.entry("*", "the '*' (pointer-to) command is not allowed; use 'struct NAME ADDRESS' or"
                    + " 'union NAME ADDRESS'"),
            Map.entry("test", "'test' is a crash debugging command and is not allowed"),
            Map.entry("map", "'map' is a hidden crash command and is not allowed"),
            Map.entry("save", "'save' fetches remote files and is not allowed"),
            Map.entry("r", "crash's history re-run ('r', 'r N') is not allowed; send the command itself"),
            Map.entry("h", "crash's history is not available; send the command itself"),
            Map.entry("input", "reading commands from a file is not allowed"));

    /** Words crash hands to a shell program directly (main.c, is_external_command). */
    static final java.util.Set<String> SHELL_PROGRAMS =
            java.util.Set.of("vi", "pwd", "grep", "cat", "more", "less", "echo", "ls", "clear");

    private CommandTable() {
    }
}
