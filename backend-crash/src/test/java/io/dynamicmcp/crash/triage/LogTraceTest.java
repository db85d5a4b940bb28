package io.dynamicmcp.crash.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogTraceTest {

    private static final KernelLog LOG = KernelLog.of(List.of(
            "[    5.783092] insmod invoked oom-killer: gfp_mask=0x40cc0(GFP_KERNEL|__GFP_COMP), order=1, oom_score_adj=0",
            "[    4.261399] RIP: 0010:dmz_zoo_null_deref+0x18/0x28 [dmz_zoo]",
            "[    5.784018] Call Trace:",
            "[    5.784684]  <TASK>",
            "[    5.784684]  dump_stack_lvl+0x44/0x5c",
            "[    5.784684]  ? dmz_zoo_hog+0x47/0xaa [dmz_zoo]",
            "[    5.784684]  __alloc_pages_slowpath.constprop.0+0x67f/0xe70",
            "[    5.784684]  dmz_zoo_hog+0x47/0xaa [dmz_zoo]",
            "[    5.784684]  ? 0xffffffffc0585000",
            "[    5.784684]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8",
            "[    5.784684] RIP: 0033:0x47fbe9",
            "[    5.784684] RSP: 002b:00007ffc16e16008 EFLAGS: 00000246 ORIG_RAX: 0000000000000139",
            "[    5.784684]  </TASK>",
            "[    5.795759] Mem-Info:",
            "[    5.833451] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled"));

    @Test
    void readsFramesWithTheirModulesAndReliabilityUpToTheEndOfTheTask() {
        List<StackFrame> frames = LogTrace.firstTrace(LOG, 0, LOG.size());
        assertEquals(List.of("dump_stack_lvl+0x44", "? dmz_zoo_hog+0x47 [dmz_zoo]", "__alloc_pages_slowpath.constprop.0+0x67f",
                "dmz_zoo_hog+0x47 [dmz_zoo]", "entry_SYSCALL_64_after_hwframe+0x6e"),
                frames.stream().map(StackFrame::toString).toList());
        assertEquals(Optional.of("dmz_zoo_hog+71"), frames.get(3).location(), "dis takes decimal offsets");
        assertEquals("dmz_zoo_hog [dmz_zoo]", frames.get(3).name());
    }

    @Test
    void readsTheKernelModeRipOnly() {
        assertEquals(Optional.of("dmz_zoo_null_deref+0x18 [dmz_zoo]"), LogTrace.kernelRip(LOG, 0, LOG.size()).map(StackFrame::toString));
        assertEquals(Optional.empty(), LogTrace.kernelRip(LOG, 2, LOG.size()), "RIP: 0033 is user space");
    }

    @Test
    void thePanicLineAndItsMessageWithoutTimeStamps() {
        assertEquals(Optional.of("Out of memory: system-wide panic_on_oom is enabled"), LOG.panicMessage());
        assertEquals(14, LOG.panicIndex().getAsInt());
        assertEquals("Kernel panic - not syncing: foo", KernelLog.text("[  12.000000][  T107] Kernel panic - not syncing: foo"));
    }
}
