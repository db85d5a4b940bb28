package io.dynamicmcp.crash.prompts;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpEntry;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.crash.dump.TriageRecords;
import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.crash.session.OldCrash;
import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.failures.FailureKinds;
import io.dynamicmcp.spi.Prompt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code triage_kernel_panic} and {@code investigate_hung_tasks}, with completion of dump names. Both steer by the
 * failure class: the one crash_triage already found for the dump (kept with its metadata), else the steps for each
 * class, to follow once crash_triage has named it.
 */
public final class CrashPrompts {

    private static final String DUMP_ARGUMENT = "dump_name";
    private static final String DUMP_DESCRIPTION = "The dump, as list_crash_dumps names it; default: the newest dump";

    private final DumpLocator dumps;
    private final TriageRecords triaged;
    private final Optional<CrashBinary> crash;

    /**
     * @param triaged what crash_triage concluded about each dump, to steer by its class
     * @param crash the crash the sessions run, to say when it is too old to see sleeping tasks
     */
    public CrashPrompts(DumpLocator dumps, TriageRecords triaged, Optional<CrashBinary> crash) {
        this.dumps = requireNonNull(dumps, "dumps is null");
        this.triaged = requireNonNull(triaged, "triaged is null");
        this.crash = requireNonNull(crash, "crash is null");
    }

    public List<Prompt> prompts() {
        return List.of(triageKernelPanic(), investigateHungTasks());
    }

    private Prompt triageKernelPanic() {
        return Prompt.builder("triage_kernel_panic")
                .title("Triage a kernel panic")
                .description("Find the likely cause of a kernel panic from its crash dump, step by step, with evidence; "
                        + "the steps follow the failure class crash_triage names.")
                .argument(DUMP_ARGUMENT, DUMP_DESCRIPTION, false)
                .renderer(arguments -> List.of(new Prompt.Message(Prompt.Role.USER, triageText(arguments))))
                .completer(this::completeDumpName)
                .build();
    }

    private String triageText(Map<String, String> arguments) {
        Optional<TriageRecords.Record> known = triaged(arguments);
        StringBuilder text = new StringBuilder("Triage the kernel panic in ").append(target(arguments)).append(".\n");
        known.ifPresent(r -> text.append("crash_triage already found: class ").append(r.failureClass())
                .append(r.culprit() == null ? "" : ", culprit " + r.culprit()).append(", signature ")
                .append(r.signature()).append(" (dumps with the same signature are the same bug).\n"));
        text.append("""
                1. Call crash_triage%s. Read its class, report_line and panic_line, the culprit (function, module, \
                source line and why it was chosen), the evidence lines, the findings of its class, the taint \
                (at_report: before the failure) and the module symbols. Note anything under 'problems'.
                """.formatted(argumentClause(arguments)));
        if (known.isPresent()) {
            FailureClass failureClass = FailureClass.fromWireName(known.get().failureClass());
            text.append("2. This is ").append(failureClass.wireName()).append(": ").append(failureClass.meaning())
                    .append(". Next, in the same session:\n").append(steps(failureClass, "   - "));
        } else {
            text.append("2. Then follow the steps for the class it names (in the same session, with crash_command):\n");
            for (FailureClass failureClass : FailureClass.values()) {
                text.append("   ").append(failureClass.wireName()).append(":\n").append(steps(failureClass, "     - "));
            }
        }
        text.append("""
                3. Check the culprit against the evidence: is the faulting code in a module (out of tree? unsigned?), \
                does the backtrace agree with the log's report, do earlier log lines (WARNING:, BUG:, errors) point \
                at the same code?
                4. Conclude: the most likely cause, the exact output lines that support it, how sure you are, and what \
                to check next. Do not state a cause the dump does not show; say what is unknown.
                """);
        oldCrash().ifPresent(w -> text.append("Note: ").append(w).append('\n'));
        return text.toString();
    }

    private Prompt investigateHungTasks() {
        return Prompt.builder("investigate_hung_tasks")
                .title("Investigate hung tasks")
                .description("Find which tasks were stuck in uninterruptible sleep (D state) in a crash dump and what "
                        + "they were waiting for.")
                .argument(DUMP_ARGUMENT, DUMP_DESCRIPTION, false)
                .renderer(arguments -> List.of(new Prompt.Message(Prompt.Role.USER, hungTasksText(arguments))))
                .completer(this::completeDumpName)
                .build();
    }

    private String hungTasksText(Map<String, String> arguments) {
        Optional<TriageRecords.Record> known = triaged(arguments);
        StringBuilder text = new StringBuilder("Investigate hung tasks in ").append(target(arguments)).append(".\n");
        if (known.isPresent() && !known.get().failureClass().equals(FailureClass.HUNG_TASK.wireName())) {
            text.append("crash_triage classified this dump as ").append(known.get().failureClass())
                    .append(", not a hung task: blocked tasks may be a symptom. Look at them, then at what the ")
                    .append(known.get().failureClass()).append(" steps of triage_kernel_panic say.\n");
        } else if (known.isPresent()) {
            text.append("crash_triage classified this dump as hung_task")
                    .append(known.get().culprit() == null ? "" : "; the first blocked task waits in " + known.get().culprit())
                    .append(".\n");
        }
        text.append("""
                1. Call crash_triage%s. For a hung_task it lists the blocked tasks under findings.blocked_tasks: who, \
                where each waits (waits_in) and the primitive it sleeps in (sleeps_in: mutex_lock, \
                __wait_for_common, rwsem_down_*, io_schedule, ...), from 'foreach UN bt' or, when crash cannot see \
                them, from the kernel log's hung-task report. Note the panic message (hung_task_panic says \
                "hung_task: blocked tasks") and 'problems'.
                2. crash_command 'foreach UN bt' for every task in D state (the detector reports only some), and \
                'log | grep -A25 "blocked for more than"' for the detector's own reports; group the tasks by where \
                they wait.
                3. For a lock, find its owner: 'bt -f <pid>' for the lock's address in the frames, then \
                'struct mutex <address>' or 'struct rw_semaphore <address>' (owner), then 'bt <owner pid>'. For a \
                completion or wait queue, find who should wake it (the code in waits_in). For I/O waits, look for \
                storage errors in 'log'.
                4. Conclude with the chain of waits (who waits for whom), the root task or device, and the output \
                lines that show it. Say what the dump cannot show.
                """.formatted(argumentClause(arguments)));
        oldCrash().ifPresent(w -> text.append("Note: ").append(w).append(" With it, read the blocked tasks' stacks in ")
                .append("the log's hung-task report instead of 'foreach UN bt'.\n"));
        return text.toString();
    }

    /** The class's next steps, one a line. */
    private static String steps(FailureClass failureClass, String indent) {
        return FailureKinds.of(failureClass).nextSteps().stream().map(s -> indent + s + "\n").collect(Collectors.joining());
    }

    /** What crash_triage concluded about the dump the prompt is about, if it triaged it as it is now. */
    private Optional<TriageRecords.Record> triaged(Map<String, String> arguments) {
        try {
            String name = arguments.get(DUMP_ARGUMENT);
            if (name == null || name.isBlank()) {
                Instant now = Instant.now();
                return dumps.entries().stream().filter(entry -> entry.condition(now, dumps.settle()).complete())
                        .findFirst().flatMap(entry -> triaged.find(entry.identity()));
            }
            return triaged.find(dumps.names().resolve(name));
        } catch (RuntimeException e) {
            return Optional.empty(); // a name that does not resolve: the tools will say why
        }
    }

    /** Without reading the dump (a renderer must be quick): the newest by modification time, as the tools pick it. */
    /** The warning about this server's crash, if it is too old to see sleeping tasks. */
    private Optional<String> oldCrash() {
        return crash.map(CrashBinary::version).filter(OldCrash::isOld)
                .map(v -> "this server's crash is " + v + ", older than " + OldCrash.FIXED_IN + ": " + OldCrash.LOSES + ".");
    }

    private static String target(Map<String, String> arguments) {
        String dump = arguments.get(DUMP_ARGUMENT);
        return dump == null || dump.isBlank() ? "the newest crash dump" : "the crash dump '" + dump + "'";
    }

    private static String argumentClause(Map<String, String> arguments) {
        String dump = arguments.get(DUMP_ARGUMENT);
        return dump == null || dump.isBlank() ? "" : " with dump_name '" + dump + "'";
    }

    private List<String> completeDumpName(String argument, String prefix) {
        if (!DUMP_ARGUMENT.equals(argument)) {
            return List.of();
        }
        Instant now = Instant.now();
        return dumps.entries().stream()
                .filter(entry -> entry.name().startsWith(prefix))
                .filter(entry -> entry.condition(now, dumps.settle()).complete())
                .map(DumpEntry::name)
                .toList();
    }
}
