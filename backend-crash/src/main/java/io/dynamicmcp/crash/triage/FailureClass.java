package io.dynamicmcp.crash.triage;

import java.util.Arrays;
import java.util.Locale;

/** How a kernel died, as {@code crash_triage} names it ({@link #wireName()} is the value of its {@code class} field). */
public enum FailureClass {
    NULL_POINTER_DEREFERENCE("an oops: the kernel read or wrote through a NULL (or near-NULL) pointer"),
    PAGE_FAULT("an oops: the kernel touched an address that is not mapped"),
    GENERAL_PROTECTION_FAULT("an oops: a general protection fault, often a non-canonical (poisoned or corrupt) pointer"),
    DIVIDE_ERROR("an oops: an integer division by zero (or overflow)"),
    BUG("a BUG() or BUG_ON() assertion failed"),
    WARNING("a WARN() fired on a kernel with panic_on_warn"),
    OOPS("an oops of another kind (see the report line)"),
    SOFT_LOCKUP("a CPU ran kernel code without scheduling for too long (soft lockup)"),
    HARD_LOCKUP("a CPU stopped taking interrupts (hard lockup, NMI watchdog)"),
    HUNG_TASK("a task stayed in uninterruptible sleep (D state) too long (hung task)"),
    OUT_OF_MEMORY("memory ran out and the kernel panicked instead of killing a task (panic_on_oom)"),
    INIT_KILLED("init (PID 1) exited or was killed"),
    SYSRQ("a crash requested on purpose with SysRq-c (e.g. echo c > /proc/sysrq-trigger)"),
    UNKNOWN("not recognised: read the panic message, the log and the backtrace");

    private final String meaning;

    FailureClass(String meaning) {
        this.meaning = meaning;
    }

    /** The name in tool output, e.g. {@code null_pointer_dereference}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line saying what the class means. */
    public String meaning() {
        return meaning;
    }

    /** Every wire name, for the output schema's enum. */
    public static String[] wireNames() {
        return Arrays.stream(values()).map(FailureClass::wireName).toArray(String[]::new);
    }

    /** The class a wire name names. */
    public static FailureClass fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
