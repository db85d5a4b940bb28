package io.dynamicmcp.crash.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamicmcp.crash.triage.failures.FailureKinds;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The order of the evidence: the kernel log, then sys's PANIC string, then the backtrace. */
class ClassifierTest {

    private static final Classifier CLASSIFIER = FailureKinds.classifier();
    private static final Backtrace NO_BT = Backtrace.parse(List.of());

    private static Incident classify(List<String> log, String sysPanic, Backtrace bt) {
        return CLASSIFIER.classify(KernelLog.of(log), Optional.ofNullable(sysPanic), bt, true, "8.0.6");
    }

    @Test
    void aGenericOopsLineYieldsToTheSpecificReportLineAboveIt() {
        Incident incident = classify(List.of(
                "[    4.18] dmz_zoo: failure=bug",
                "[    4.18] ------------[ cut here ]------------",
                "[    4.18] kernel BUG at dmz_zoo.c:85!",
                "[    4.18] invalid opcode: 0000 [#1] PREEMPT SMP NOPTI",
                "[    4.18] CPU: 1 PID: 103 Comm: insmod Tainted: G           OE      6.1.0-57-cloud-amd64 #1",
                "[    4.23] Kernel panic - not syncing: Fatal exception"), null, NO_BT);
        assertEquals(FailureClass.BUG, incident.failureClass());
        assertEquals(Optional.of("kernel BUG at dmz_zoo.c:85!"), incident.reportLine());
        assertEquals("log", incident.basis());
        assertEquals(Optional.of(new Incident.LoggedTask(1, 103, "insmod", Optional.of("OE"))), incident.loggedTask());
    }

    @Test
    void aGenericOopsLineAloneIsAnOops() {
        Incident incident = classify(List.of("stack segment: 0000 [#1] SMP", "CPU: 0 PID: 1 Comm: x Not tainted 6.1.0 #1",
                "Kernel panic - not syncing: Fatal exception"), null, NO_BT);
        assertEquals(FailureClass.OOPS, incident.failureClass());
        assertEquals(Optional.of(""), incident.loggedTask().flatMap(Incident.LoggedTask::taint), "Not tainted");
    }

    @Test
    void thePanicMessageOfAClassWinsOverAnEarlierReportOfAnother() {
        Incident incident = classify(List.of(
                "WARNING: CPU: 0 PID: 12 at kernel/foo.c:10 foo+0x1/0x2",
                "INFO: task a:7 blocked for more than 120 seconds.",
                "INFO: task b:8 blocked for more than 120 seconds.",
                "Kernel panic - not syncing: hung_task: blocked tasks"), null, NO_BT);
        assertEquals(FailureClass.HUNG_TASK, incident.failureClass());
        assertEquals(Optional.of("INFO: task a:7 blocked for more than 120 seconds."), incident.reportLine(),
                "the first report of the run of hung-task reports");
    }

    @Test
    void theNearestReportBeforeThePanicWins() {
        Incident incident = classify(List.of(
                "WARNING: CPU: 0 PID: 12 at kernel/foo.c:10 foo+0x1/0x2",
                "BUG: unable to handle page fault for address: ffffffffffffff10",
                "#PF: supervisor read access in kernel mode",
                "Oops: 0000 [#1] SMP",
                "Kernel panic - not syncing: Fatal exception"), null, NO_BT);
        assertEquals(FailureClass.PAGE_FAULT, incident.failureClass());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Kernel panic - not syncing: softlockup: hung tasks|soft_lockup",
        "Kernel panic - not syncing: Hard LOCKUP|hard_lockup",
        "Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled|out_of_memory",
        "Kernel panic - not syncing: System is deadlocked on memory|out_of_memory",
        "Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b|init_killed",
        "Kernel panic - not syncing: sysrq triggered crash|sysrq",
        "Kernel panic - not syncing: panic_on_warn set ...|warning",
        "kernel BUG at mm/slub.c:4321!|bug",
        "divide error: 0000 [#1] PREEMPT SMP NOPTI|divide_error",
        "general protection fault: 0000 [#1] SMP|general_protection_fault",
        "Oops: 0000 [#1] PREEMPT SMP NOPTI|oops",
        "Kernel panic - not syncing: Fatal exception|unknown"})
    void withoutALogTheSysPanicStringSays(String sysPanic, String expected) {
        Incident incident = classify(List.of(), sysPanic, NO_BT);
        assertEquals(expected, incident.failureClass().wireName());
        assertEquals(expected.equals("unknown") ? "none" : "sys", incident.basis());
    }

    @Test
    void withoutALogCrash802sOopsPanicYieldsToTheBacktrace() {
        CapturedCrash crash = CapturedCrash.of("8.0.2", "null-deref");
        Incident incident = classify(List.of(), "Oops: 0000 [#1] PREEMPT SMP NOPTI", Backtrace.parse(crash.file("bt.txt")));
        assertEquals(FailureClass.PAGE_FAULT, incident.failureClass(), "bt shows a page fault; only the log says NULL");
    }

    @ParameterizedTest
    @CsvSource({"null-deref,page_fault", "bug,bug", "gpf,general_protection_fault", "divide-error,divide_error",
        "soft-lockup,soft_lockup", "oom,out_of_memory", "sysrq,sysrq", "hung-task,hung_task"})
    void withNeitherLogNorPanicTheBacktraceSays(String caseName, String expected) {
        Incident incident = classify(List.of(), null, Backtrace.parse(CapturedCrash.of("8.0.6", caseName).file("bt.txt")));
        assertEquals(expected, incident.failureClass().wireName());
        assertEquals("bt", incident.basis());
    }
}
