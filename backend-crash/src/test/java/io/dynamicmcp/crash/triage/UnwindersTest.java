package io.dynamicmcp.crash.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class UnwindersTest {

    private static final String HEADER = "PID: 1        TASK: ff25fa8881200000  CPU: 0    COMMAND: \"init\"";

    /** crash 8.0.6's bt on a sysrq dump made by CI on 2026-12-03: panic, then the system call's exit path. */
    private static final Backtrace SKIPPING = Backtrace.parse(List.of(HEADER,
            " #0 [ff814f8500013bb0] panic at ffffffffbc9cd21a",
            " #1 [ff814f8500013ef0] exit_to_user_mode_prepare at ffffffffbc137742",
            " #2 [ff814f8500013f10] syscall_exit_to_user_mode at ffffffffbca0719e",
            " #3 [ff814f8500013f20] do_syscall_64 at ffffffffbca03f59",
            " #4 [ff814f8500013f50] entry_SYSCALL_64_after_hwframe at ffffffffbcc00126"));

    /** bt -o on the same dump (its stale frames below do_syscall_64 left out). */
    private static final Backtrace SCANNED = Backtrace.parse(List.of(HEADER,
            " #0 [ff814f8500013bb0] panic at ffffffffbc9cd21a",
            " #1 [ff814f8500013bd8] _printk at ffffffffbc9d2d01",
            " #2 [ff814f8500013c30] sysrq_handle_crash at ffffffffbc6a8a06",
            " #3 [ff814f8500013c38] __handle_sysrq.cold at ffffffffbc9f4ac9",
            " #4 [ff814f8500013c68] write_sysrq_trigger at ffffffffbc6a9354",
            " #5 [ff814f8500013c78] proc_reg_write at ffffffffbc3eacb6",
            " #6 [ff814f8500013c90] vfs_write at ffffffffbc34d497",
            " #7 [ff814f8500013d28] ksys_write at ffffffffbc34d95b",
            " #8 [ff814f8500013d60] do_syscall_64 at ffffffffbca03f4d",
            "#17 [ff814f8500013ef0] exit_to_user_mode_prepare at ffffffffbc137742"));

    @Test
    void aJumpFromPanicOverFramesThatBtOFindsTakesBtO() {
        assertSame(SCANNED, Unwinders.choose(SKIPPING, () -> SCANNED));
    }

    @Test
    void aStopInsideThePanicMachineryTakesBtO() {
        Backtrace stopped = Backtrace.parse(List.of(HEADER, " #0 [ff814f8500013bb0] panic at ffffffffbc9cd21a"));
        assertSame(SCANNED, Unwinders.choose(stopped, () -> SCANNED));
    }

    @Test
    void aWholeChainIsKeptWithoutAskingBtO() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<Backtrace> old = () -> {
            asked.incrementAndGet();
            return SKIPPING;
        };
        assertSame(SCANNED, Unwinders.choose(SCANNED, old));
        assertEquals(0, asked.get(), "bt -o was run although bt had the panic's caller right below it");
    }

    @Test
    void aGapThatBtOCannotFillKeepsBt() {
        Backtrace nothingBetween = Backtrace.parse(List.of(HEADER,
                " #0 [ff814f8500013bb0] panic at ffffffffbc9cd21a",
                " #1 [ff814f8500013ef0] exit_to_user_mode_prepare at ffffffffbc137742"));
        assertSame(SKIPPING, Unwinders.choose(SKIPPING, () -> nothingBetween));
    }
}
