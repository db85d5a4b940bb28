package io.dynamicmcp.crash.prompts;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpFile;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.spi.Prompt;
import java.util.List;
import java.util.Map;

/** {@code triage_kernel_panic} and {@code investigate_hung_tasks}, with completion of dump names. */
public final class CrashPrompts {

    private static final String DUMP_ARGUMENT = "dump_name";
    private static final String DUMP_DESCRIPTION = "The dump, as list_crash_dumps names it; default: the newest dump";

    private final DumpLocator dumps;

    public CrashPrompts(DumpLocator dumps) {
        this.dumps = requireNonNull(dumps, "dumps is null");
    }

    public List<Prompt> prompts() {
        return List.of(triageKernelPanic(), investigateHungTasks());
    }

    private Prompt triageKernelPanic() {
        return Prompt.builder("triage_kernel_panic")
                .title("Triage a kernel panic")
                .description("Find the likely cause of a kernel panic from its crash dump, step by step, with evidence.")
                .argument(DUMP_ARGUMENT, DUMP_DESCRIPTION, false)
                .renderer(arguments -> List.of(new Prompt.Message(Prompt.Role.USER, """
                        Triage the kernel panic in %s.
                        1. Call crash_triage%s. Read the panic message, the panicking task, the backtrace, the taint \
                        flags, tainted modules and the log lines before the panic. Note anything under 'problems'.
                        2. Name the function where things went wrong: the frame just below panic/oops handling \
                        (for an oops, the 'exception RIP'). If it is in a module, say which, and whether that module \
                        is out of tree or unsigned.
                        3. Check the evidence with crash_command in the same session: 'dis -rl <function>' around the \
                        faulting address, 'log | tail -n 200' for earlier warnings (WARNING:, BUG:, hung task, soft \
                        lockup, OOM), 'bt -a' for what the other CPUs were doing, 'kmem -i' if memory looks short.
                        4. Conclude: the most likely cause, the exact output lines that support it, how sure you are, \
                        and what to check next. Do not state a cause the dump does not show; say what is unknown.
                        """.formatted(target(arguments), argumentClause(arguments)))))
                .completer(this::completeDumpName)
                .build();
    }

    private Prompt investigateHungTasks() {
        return Prompt.builder("investigate_hung_tasks")
                .title("Investigate hung tasks")
                .description("Find which tasks were stuck in uninterruptible sleep (D state) in a crash dump and what "
                        + "they were waiting for.")
                .argument(DUMP_ARGUMENT, DUMP_DESCRIPTION, false)
                .renderer(arguments -> List.of(new Prompt.Message(Prompt.Role.USER, """
                        Investigate hung tasks in %s.
                        1. Call crash_triage%s for the overview; note the panic message (hung_task_panic says \
                        "hung_task: blocked tasks").
                        2. crash_command 'log | grep -i "blocked for more than"' to list the tasks the hung-task \
                        detector reported, and 'ps | grep UN' for every task in D state.
                        3. crash_command 'foreach UN bt' for their stacks; group them by the function they sleep in \
                        (mutex_lock, rwsem_down_*, io_schedule, wait_on_page_bit, ...).
                        4. For a lock, find its owner: 'struct mutex <address>' or 'struct rw_semaphore <address>' \
                        from the frames, then 'bt <owner pid>'. For I/O waits, look for storage errors in 'log'.
                        5. Conclude with the chain of waits (who waits for whom), the root task or device, and the \
                        output lines that show it. Say what the dump cannot show.
                        """.formatted(target(arguments), argumentClause(arguments)))))
                .completer(this::completeDumpName)
                .build();
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
        return dumps.list().stream()
                .filter(dump -> dump.format().isDump())
                .map(DumpFile::name)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }
}
