package io.dynamicmcp.crash.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates hostile variants of crash command lines from a seed: known escapes (each aimed at creating a
 * canary file), embedded at random places in ordinary commands, then mutated with quoting, whitespace,
 * control characters, look-alike characters, aliases, odd option placement and random characters.
 */
final class HostileCommands {

    /** Ordinary, cheap analysis commands (used as material and sent to the real crash). */
    static final List<String> ORDINARY = List.of(
            "sys", "bt", "bt -a", "ps", "ps -k", "log -T", "mod", "kmem -i", "struct task_struct -o", "rd -64 jiffies 4",
            "dis -l sysrq_handle_crash 10", "p jiffies", "p/x jiffies", "px jiffies", "foreach bt", "sym sysrq_handle_crash",
            "whatis task_struct", "help bt", "irq -s", "mach", "runq", "timer", "dev", "files", "task", "vm", "net",
            "set", "set -p", "eval 1 + 2", "p init_task->comm", "p init_task.pid == 0", "sys -c", "mount", "swap",
            "struct task_struct.comm,pid", "rd jiffies", "sig", "ipcs", "waitq", "hex", "dec", "dmesg", "lsmod",
            // gdb cannot call functions without a live inferior; crash answers "gdb request failed"
            "p panic(\"x\")", "p sysrq_handle_crash(0)");

    private final String canary;
    private final Random random;
    private final List<String> escapes;

    HostileCommands(long seed, String canary) {
        this.random = new Random(seed);
        this.canary = canary;
        String c = canary;
        this.escapes = List.of(
                "!touch " + c, "!!", "!1", "! touch " + c, "| sh -c 'touch " + c + "'", "| tee " + c, "|tee " + c,
                "> " + c, ">" + c, ">> " + c, "< " + c, "<" + c, "gdb shell touch " + c, "g shell touch " + c,
                "gdb pipe p 1 | touch " + c, "gdb python import os; os.system('touch " + c + "')", "alias x !touch " + c,
                "alias x sys > " + c, "extend " + c + ".so", "wr jiffies 0", "rd -r " + c + " jiffies 1",
                "rd -xr " + c + " jiffies", "rd -r" + c + " jiffies", "repeat 1 !touch " + c, "set console " + c,
                "set error " + c, "set scroll on", "set gdb on", "set edit vi", "sn", "p $_shell(\"touch " + c + "\")",
                "p $_as_string(1)", "`touch " + c + "`", "$(touch " + c + ")", "; touch " + c, "\\!touch " + c,
                "q", "exit", "quit", "Q", "sys -panic", "mod -s loop", "mod -S " + c, "dev -v 0 " + c, "foreach test",
                "foreach set", "p jiffies=1", "p jiffies++", "p --jiffies", "p jiffies |= 1", "input " + c, "save " + c,
                "vi " + c, "echo x > " + c, "ls > " + c, "cat " + c, "touch " + c, "sh", "!", "|", "*task_struct 0",
                "size task_struct", "\\wr jiffies 0", "\"wr\" jiffies 0", "r", "h", "hi", "r 1", "task_struct 0",
                "info files", "shell touch " + c, "pipe p 1 | touch " + c, "source " + c, "dump memory " + c + " 0 1",
                "p $pc = 0", "set var jiffies = 0", "call panic(\"x\")");
    }

    List<String> escapes() {
        return escapes;
    }

    /** One hostile variant. */
    String next() {
        String line = switch (random.nextInt(5)) {
            case 0 -> pick(escapes);
            case 1 -> pick(ORDINARY) + " " + pick(escapes);
            case 2 -> embed(pick(ORDINARY), pick(escapes));
            case 3 -> pick(ORDINARY);
            default -> pick(escapes) + " " + pick(ORDINARY);
        };
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            line = mutate(line);
        }
        return line;
    }

    private String mutate(String line) {
        return switch (random.nextInt(12)) {
            case 0 -> whitespace(line);
            case 1 -> control(line);
            case 2 -> lookAlike(line);
            case 3 -> alias(line);
            case 4 -> quote(line);
            case 5 -> option(line);
            case 6 -> insertChar(line);
            case 7 -> deleteChar(line);
            case 8 -> caseFlip(line);
            case 9 -> embed(line, pick(escapes));
            case 10 -> line + " | " + pick(List.of("grep x", "head -n 2", "tail 3", "wc -l", "sh", "tee " + canary,
                    "grep 'a|b'", "grep \"x\" | sh", "grep x > " + canary));
            default -> nestedQuotes(line);
        };
    }

    private String embed(String line, String insert) {
        int at = random.nextInt(line.length() + 1);
        return line.substring(0, at) + insert + line.substring(at);
    }

    private String whitespace(String line) {
        String[] spaces = {"\t", "  ", " \t ", "\t\t", ""};
        return line.replaceFirst(" ", spaces[random.nextInt(spaces.length)])
                + (random.nextBoolean() ? " " : "") + (random.nextInt(4) == 0 ? "\t" : "");
    }

    private String control(String line) {
        String[] controls = {"\n", "\r", "\r\n", "\u0000", "\u000b", "\f", "\u001b", "\u0003", "\u0004", "\u007f",
            "\u0085", "\u2028", "\u0015", "\u0017", "\u0016"};
        String c = controls[random.nextInt(controls.length)];
        return random.nextBoolean() ? embed(line, c + pick(escapes)) : embed(line, c);
    }

    private static final Map<Character, String> LOOK_ALIKES = Map.of(
            '|', "\uff5c\u00a6\u2223\u01c0", '>', "\uff1e\u203a\u02c3", '<', "\uff1c\u2039\u02c2",
            '!', "\uff01\u01c3", ';', "\uff1b\u037e", ' ', "\u00a0\u2002\u3000\u200b", 's', "\u0455",
            'e', "\u0435", '-', "\u2010\u2212", '"', "\u201c\u201d");

    private String lookAlike(String line) {
        StringBuilder out = new StringBuilder();
        for (char c : line.toCharArray()) {
            String options = LOOK_ALIKES.get(c);
            if (options != null && random.nextInt(3) == 0) {
                out.append(options.charAt(random.nextInt(options.length())));
            } else {
                out.append(c);
            }
        }
        if (random.nextInt(4) == 0) {
            out.insert(random.nextInt(out.length() + 1), "\u200b");
        }
        return out.toString();
    }

    private String alias(String line) {
        String[] aliases = {"g ", "sf ", "sn ", "quit ", "size ", "for ", "px ", "pd ", "man ", "hex ", "dmesg ", "? "};
        String alias = aliases[random.nextInt(aliases.length)];
        int space = line.indexOf(' ');
        return random.nextBoolean() || space < 0 ? alias + line : alias + line.substring(space + 1);
    }

    private String quote(String line) {
        String[] words = line.split(" ", -1);
        int i = random.nextInt(words.length);
        String q = random.nextBoolean() ? "\"" : "'";
        words[i] = random.nextInt(4) == 0 ? q + words[i] : q + words[i] + q;
        return String.join(" ", words);
    }

    private String nestedQuotes(String line) {
        String[] wraps = {"\"'%s'\"", "'\"%s\"'", "\"%s", "%s'", "\"'\"%s\"'\"", "(%s)", "\"(%s)\""};
        return String.format(wraps[random.nextInt(wraps.length)], line);
    }

    private String option(String line) {
        String[] options = {"-r " + canary, "-r" + canary, "-xr " + canary, "-p", "-panic", "-s loop", "-S", "-v 0 " + canary,
            "-c 0", "-x", "-a", "-- -r", "\"-r\"", "'-r' " + canary};
        String option = options[random.nextInt(options.length)];
        String[] firsts = {"rd", "sys", "mod", "dev", "set", "bt", "foreach"};
        String target = random.nextInt(3) == 0 ? firsts[random.nextInt(firsts.length)] + " " + line : line;
        String[] words = target.split(" ", -1);
        int at = 1 + random.nextInt(Math.max(1, words.length));
        List<String> list = new ArrayList<>(List.of(words));
        list.add(Math.min(at, list.size()), option);
        return String.join(" ", list);
    }

    private static final String HOSTILE_CHARS = "!|<>;`\\$=+-()'\"#&*{}[]~^%@?:,.\t\n\r\u0000 _/";

    private String insertChar(String line) {
        return embed(line, String.valueOf(HOSTILE_CHARS.charAt(random.nextInt(HOSTILE_CHARS.length()))));
    }

    private String deleteChar(String line) {
        if (line.isEmpty()) {
            return line;
        }
        int at = random.nextInt(line.length());
        return line.substring(0, at) + line.substring(at + 1);
    }

    private String caseFlip(String line) {
        if (line.isEmpty()) {
            return line;
        }
        int at = random.nextInt(line.length());
        char c = line.charAt(at);
        char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        return line.substring(0, at) + flipped + line.substring(at + 1);
    }

    private String pick(List<String> list) {
        return list.get(random.nextInt(list.size()));
    }
}
