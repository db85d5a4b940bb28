package io.dynamicmcp.crash.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.filter.Collect;
import io.dynamicmcp.crash.filter.OutputFilter;
import io.dynamicmcp.spi.InvalidSettingException;
import io.dynamicmcp.spi.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandPolicyTest {

    private final CommandPolicy policy = CommandPolicy.defaults();

    static Settings settings(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bt", "bt -a", "bt -f 1", "log -T", "log", "kmem -i", "kmem -s", "struct task_struct -o", "rd -64 jiffies 4",
        "dis -l sysrq_handle_crash 10", "p jiffies", "p/x jiffies", "p/d jiffies", "foreach bt", "foreach bash bt -l",
        "search -k deadbeef", "sym sysrq_handle_crash", "ps -k", "ps", "sys", "sys -c", "sys -t", "sys config",
        "mod", "mod -t", "p init_task->comm", "p init_task.pid == 0", "struct task_struct.comm,pid ffff888003a3c000",
        "union", "whatis task_struct", "list task_struct.tasks -h ffffffff82a0c940", "tree -t radix ffff8880",
        "irq -s", "net", "dev", "dev -d", "mach", "runq", "timer", "sig", "swap", "waitq", "ipcs", "fuser /",
        "mount", "help", "help bt", "eval 1 + 2", "eval (1 * 0)", "set", "set 1", "set -p",
        "set -c 0", "set -v", "set ffff888003a3c000", "set radix 16", "files", "task", "vm", "vtop ffffffff81000000",
        "ascii 41", "btop 1000", "ptob 1", "p $", "p $$2", "p $1", "search -c \"linux\"", "rd -s jiffies",
        "foreach 'bas.*' ps", "bt -c 0,1", "p (int)jiffies", "p &init_task", "p *init_task.mm", "p irq_stat:0",
        "kmem -S kmalloc-64", "ps 'bash' 1", "ps 'a' 'b' -k"})
    void ordinaryAnalysisCommandsPassUnchanged(String command) {
        Verdict verdict = policy.check(command);
        assertTrue(verdict.allowed(), () -> command + " was rejected: " + verdict.reason());
        assertEquals(command, verdict.crashCommand());
        assertTrue(verdict.filter().isEmpty());
        assertNull(verdict.reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '=', value = {
        "px jiffies= p -x jiffies",
        "pd jiffies= p -d jiffies",
        "dmesg= log",
        "lsmod= mod",
        "man bt= help bt",
        "? = help",
        "for bt= foreach bt",
        "hex= set radix 16",
        "dec= set radix 10",
        "  bt   -a  = bt   -a",
        "bt\t-a= bt -a"})
    void aliasesResolveAndWhitespaceIsTidied(String command, String expected) {
        Verdict verdict = policy.check(command);
        assertTrue(verdict.allowed(), () -> command + " was rejected: " + verdict.reason());
        assertEquals(expected.strip(), verdict.crashCommand());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "!ls~'!'",
        "!!~'!'",
        "!1~'!'",
        "!touch /tmp/canary~shell",
        "sys!ls~'!'",
        "sys | sh~pipes to shell commands are not allowed",
        "sys | tee /tmp/x~pipes to shell commands are not allowed",
        "sys |sh~pipes to shell commands",
        "|sh~pipes to shell commands",
        "|~empty pipe stage",
        "| grep x~nothing before '|'",
        "sys > /tmp/x~redirects",
        "sys>/tmp/x~redirects",
        "sys >> /tmp/x~redirects",
        "p a->>b~redirects",
        "< /tmp/cmds~'<'",
        "struct task_struct < /tmp/x~'<'",
        "struct task_struct </tmp/x~'<'",
        "alias x !ls~'!'",
        "alias x sys~'alias' is not allowed",
        "extend /tmp/x.so~CRASH_EXTENSIONS",
        "gdb shell ls~gdb",
        "g shell ls~gdb",
        "gdb pipe p 1 | sh~pipes",
        "gdb python import os~gdb",
        "wr jiffies 0~writes to memory",
        "rd -r /tmp/x jiffies 10~'rd -r'",
        "rd -xr /tmp/x jiffies~'rd -r'",
        "rd jiffies -r /tmp/x~'rd -r'",
        "rd -r/tmp/x jiffies~'rd -r'",
        "rd \"-r\" /tmp/x jiffies~'rd -r'",
        "rd '-r' /tmp/x jiffies~'rd -r'",
        "repeat 1 sys~repeat",
        "repeat -1 sys~repeat",
        "q~close_crash_session",
        "quit~close_crash_session",
        "exit~close_crash_session",
        "Q~close_crash_session",
        "set scroll on~scroll",
        "sn~scroll",
        "sf~scroll",
        "set console /dev/tty1~console",
        "set error /tmp/x~console",
        "set gdb on~gdb",
        "set edit vi~is not allowed",
        "set 1 scroll on~is not allowed",
        "set -a 1~is not allowed",
        "set namelist /tmp/x~namelist",
        "p jiffies = 1~assignment",
        "p jiffies=1~assignment",
        "p jiffies += 1~assignment",
        "p jiffies |= 1~pipes",
        "p jiffies++~'++'",
        "p --jiffies~'--'",
        "p jiffies === 1~assignment",
        "p $_shell(\"ls\")~convenience",
        "p $pc~convenience",
        "p ${x}~convenience",
        "p $(ls)~convenience",
        "p `ls`~backquote",
        "sys;ls~';'",
        "sys\\~backslash",
        "\\wr jiffies 0~backslash",
        "\"wr\" jiffies 0~plain word",
        "'wr' jiffies 0~plain word",
        "sys -panic~'sys -p'",
        "sys -cpanic~'sys -p'",
        "mod -s loop~'mod -s'",
        "mod -S~'mod -S'",
        "mod -S /tmp~'mod -S'",
        "mod -ts loop /tmp/x.ko~'mod -s'",
        "dev -v 0 /tmp/x~'dev -v'",
        "foreach test~foreach",
        "foreach set~foreach",
        "ls~shell program",
        "cat /etc/shadow~shell program",
        "vi /etc/passwd~shell program",
        "echo x~shell program",
        "pwd~shell program",
        "task_struct ffff888003a3c000~struct NAME",
        "info registers~not a command this server allows",
        "shell ls~not a command this server allows",
        "ptype struct task_struct~not a command",
        "h~history",
        "hi~history",
        "history~history",
        "r~history",
        "r 1~history",
        "save /tmp/x~remote",
        "size task_struct~pointer-to",
        "* task_struct ffff~pointer-to",
        "*task_struct ffff~not a command",
        "SYS~not a command",
        "test~debugging",
        "input /tmp/x~file",
        "map~hidden",
        "ps set 'scroll' on-k~regular expressions first",
        "ps x 'a'~regular expressions first",
        "ps -k 1 'a'~regular expressions first"})
    void escapesAreRejectedWithAReason(String spec) {
        String command = spec.substring(0, spec.lastIndexOf('~'));
        String reasonPart = spec.substring(spec.lastIndexOf('~') + 1);
        Verdict verdict = policy.check(command);
        assertFalse(verdict.allowed(), () -> command + " was allowed as " + verdict.crashCommand());
        assertNull(verdict.crashCommand());
        String expected = reasonPart;
        assertTrue(verdict.reason().contains(expected), () -> command + ": reason '" + verdict.reason()
                + "' does not mention " + expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sys\nsh", "sys\rsh", "sys\u0000", "sys\u001b[A", "sys\u0003", "sys\u007f", "sys\u0085", "sys\u2028sh",
        "sys\u0004", "bt\u000b"})
    void controlCharactersAreRejected(String command) {
        Verdict verdict = policy.check(command);
        assertFalse(verdict.allowed());
        assertTrue(verdict.reason().contains("control character"), verdict.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sys \uff5c sh", "sys \uff1e /tmp/x", "\uff01ls", "sys\u00a0-p", "\u0455ys", "bt\u200b", "sys \uff1c x",
        "p \"\u00e9\"", "bt -\u0430"})
    void nonAsciiIsRejectedInTheCrashPart(String command) {
        Verdict verdict = policy.check(command);
        assertFalse(verdict.allowed(), () -> command + " was allowed");
        assertTrue(verdict.reason().contains("non-ASCII"), verdict.reason());
    }

    @Test
    void nonAsciiIsFineInAServerSidePattern() {
        Verdict verdict = policy.check("log | grep 'caf\u00e9'");
        assertTrue(verdict.allowed(), () -> verdict.reason());
        assertEquals(List.of("un caf\u00e9"), Collect.run(verdict.filter(), List.of("un caf\u00e9", "the")));
    }

    @Test
    void tooLongLinesAreRejected() {
        assertFalse(policy.check("p " + "1+".repeat(3000) + "1").allowed());
        Verdict crashTooLong = policy.check("p " + "1+".repeat(700) + "1");
        assertFalse(crashTooLong.allowed());
        assertTrue(crashTooLong.reason().contains("at most " + CommandPolicy.MAX_CRASH_COMMAND));
        assertFalse(policy.check(null).allowed());
        assertFalse(policy.check("").allowed());
        assertFalse(policy.check("   ").allowed());
    }

    @Test
    void trailingFiltersAreSplitOffAndApplied() {
        Verdict verdict = policy.check("log | grep -i panic | head -n 2");
        assertTrue(verdict.allowed(), () -> verdict.reason());
        assertEquals("log", verdict.crashCommand());
        assertEquals("| grep -i 'panic' | head -n 2", verdict.filter().toString());
        assertEquals(List.of("Kernel PANIC", "panic again"),
                Collect.run(verdict.filter(), List.of("boot", "Kernel PANIC", "panic again", "panic 3")));
    }

    @Test
    void filterVariants() {
        List<String> input = List.of("a 1", "b 2", "a 3", "c 4", "a b 5");
        assertEquals(List.of("a 3", "c 4", "a b 5"), Collect.run(policy.check("sys | tail -3").filter(), input));
        assertEquals(List.of("c 4", "a b 5"), Collect.run(policy.check("sys | tail -n 2").filter(), input));
        assertEquals(List.of("a 1"), Collect.run(policy.check("sys | head -1").filter(), input));
        assertEquals(List.of("a 1", "b 2"), Collect.run(policy.check("sys | head 2").filter(), input));
        assertEquals(List.of("5"), Collect.run(policy.check("sys | wc -l").filter(), input));
        assertEquals(List.of("3"), Collect.run(policy.check("sys | grep -c '^a'").filter(), input));
        assertEquals(List.of("b 2", "c 4"), Collect.run(policy.check("sys | grep -v a").filter(), input));
        assertEquals(List.of("a b 5"), Collect.run(policy.check("sys | grep \"a b\"").filter(), input));
        assertEquals(List.of("a b 5"), Collect.run(policy.check("sys | grep -F 'a b'").filter(), input));
        assertEquals(List.of("b 2", "a b 5"), Collect.run(policy.check("sys | grep -w b").filter(), input));
        assertEquals(List.of("a 1", "a 3"), Collect.run(policy.check("sys | grep -E 'a (1|3)'").filter(), input));
        assertEquals(List.of("2"), Collect.run(policy.check("sys | grep a | head -n 2 | wc -l").filter(), input));
        assertEquals(List.of("a b 5"), Collect.run(policy.check("sys|grep a|tail -n1").filter(), input));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sys | sort~grep",
        "sys | grep~needs a pattern",
        "sys | grep a b~one pattern",
        "sys | grep -P x~not supported",
        "sys | grep '(unclosed'~not a valid regular expression",
        "sys | grep 'x~unbalanced",
        "sys || sh~empty pipe stage",
        "sys | head -n 1000001~0 to 100000",
        "sys | head -n x~not supported",
        "sys | wc~only 'wc -l'",
        "sys | wc -c~only 'wc -l'",
        "sys | grep x | sh~pipes to shell commands",
        "sys | grep x > /tmp/y~one pattern",
        "sys | xargs rm~pipes to shell commands",
        "sys | grep x |~empty pipe stage"})
    void unsupportedFiltersAreRejected(String spec) {
        String command = spec.substring(0, spec.lastIndexOf('~'));
        String reasonPart = spec.substring(spec.lastIndexOf('~') + 1);
        Verdict verdict = policy.check(command);
        assertFalse(verdict.allowed(), () -> command + " was allowed");
        assertTrue(verdict.reason().contains(reasonPart), () -> command + ": " + verdict.reason());
    }

    @Test
    void explicitFilterArgumentsChainAfterThePipeline() {
        Verdict verdict = policy.check("log | grep a").then(OutputFilter.of(null, 2, 1));
        assertEquals(List.of("a 2"), Collect.run(verdict.filter(), List.of("a 1", "b", "a 2", "a 3")));
        assertEquals(List.of("x"), Collect.run(OutputFilter.of("x", null, null), List.of("x", "y")));
        assertThrows(io.dynamicmcp.spi.ToolException.class, () -> OutputFilter.of("(", null, null));
        assertThrows(io.dynamicmcp.spi.ToolException.class, () -> OutputFilter.of(null, -1, null));
        assertThrows(io.dynamicmcp.spi.ToolException.class, () -> OutputFilter.of(null, null, 100_001));
        assertFalse(policy.check("wr x").then(OutputFilter.of("x", null, null)).allowed());
    }

    @Test
    void administratorsWidenAndNarrow() {
        CommandPolicy custom = CommandPolicy.fromSettings(settings(Map.of(
                "CRASH_ALLOW_COMMANDS", "ptype, info",
                "CRASH_DENY_COMMANDS", "search foreach",
                "CRASH_EXTENSIONS", "/usr/lib/crash/extensions/lustre.so:/opt/x/trace.so",
                "CRASH_EXTENSION_COMMANDS", "lustre")));
        assertTrue(custom.check("ptype struct task_struct").allowed());
        assertTrue(custom.check("lustre -a").allowed());
        assertFalse(custom.check("search -k deadbeef").allowed());
        assertTrue(custom.check("search -k deadbeef").reason().contains("CRASH_DENY_COMMANDS"));
        assertFalse(custom.check("for bt").allowed());
        assertFalse(custom.check("ptype x | sh").allowed());
        assertFalse(custom.check("lustre > /tmp/x").allowed());
        assertEquals(List.of(Path.of("/usr/lib/crash/extensions/lustre.so"), Path.of("/opt/x/trace.so")),
                custom.extensions());
        assertTrue(CommandPolicy.defaults().extensions().isEmpty());
        assertFalse(CommandPolicy.defaults().check("extend /usr/lib/crash/extensions/lustre.so").allowed());
        assertFalse(custom.check("extend /usr/lib/crash/extensions/lustre.so").allowed());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CRASH_EXTENSIONS~relative/x.so",
        "CRASH_EXTENSIONS~/tmp/a b.so",
        "CRASH_EXTENSIONS~/tmp/../x.so",
        "CRASH_EXTENSIONS~/tmp/x.so|sh",
        "CRASH_ALLOW_COMMANDS~a|b",
        "CRASH_EXTENSION_COMMANDS~x>y",
        "CRASH_DENY_COMMANDS~a!b"})
    void badSettingsAreRefusedAtStart(String spec) {
        String key = spec.substring(0, spec.indexOf('~'));
        String value = spec.substring(spec.indexOf('~') + 1);
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> CommandPolicy.fromSettings(settings(Map.of(key, value))));
        assertEquals(key, e.key());
    }

    @Test
    void theDefaultAllowlistHoldsNoWritingOrEscapingCommand() {
        for (String dangerous : List.of("alias", "extend", "gdb", "g", "wr", "repeat", "q", "quit", "exit", "test", "*",
                "save", "map", "ls", "cat", "vi")) {
            assertFalse(policy.allowedCommands().contains(dangerous), dangerous);
        }
        assertTrue(policy.allowedCommands().containsAll(List.of("sys", "bt", "ps", "log", "mod", "kmem", "vm", "task",
                "files", "dis", "rd", "struct", "union", "p", "sym", "whatis", "list", "tree", "irq", "net", "dev",
                "mach", "runq", "timer", "sig", "swap", "foreach", "search", "waitq", "ipcs", "fuser", "mount", "help",
                "eval")));
    }
}
