package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.Backtrace;
import io.dynamicmcp.crash.triage.CulpritFinder;
import io.dynamicmcp.crash.triage.Findings;
import io.dynamicmcp.crash.triage.StepOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lockups' follow-up: every CPU's stack ({@code bt -a}), each from where it was interrupted. */
final class CpuStacks {

    static final String COMMAND = "bt -a";
    private static final int FRAMES = 6;

    private CpuStacks() {
    }

    static void read(Map<String, StepOutput> outputs, Findings findings) {
        StepOutput step = outputs.get(COMMAND);
        if (step == null || step.lines().isEmpty()) {
            findings.problem("'" + COMMAND + "' gave no stacks" + (step == null ? "" : step.problem().map(p -> ": " + p).orElse("")));
            return;
        }
        List<Map<String, Object>> cpus = new ArrayList<>();
        for (Backtrace bt : Backtrace.parseAll(step.lines())) {
            if (bt.task().isEmpty()) {
                continue;
            }
            Backtrace.Task task = bt.task().get();
            List<String> frames = interrupted(bt);
            Map<String, Object> cpu = new LinkedHashMap<>();
            cpu.put("cpu", task.cpu());
            cpu.put("pid", task.pid());
            cpu.put("command", task.command());
            cpu.put("frames", frames);
            cpu.put("problem", bt.errors().isEmpty() ? null : String.join("; ", bt.errors()));
            cpus.add(cpu);
            findings.digest("  CPU " + task.cpu() + ": PID " + task.pid() + " \"" + task.command() + "\": "
                    + (frames.isEmpty() ? "no stack (" + String.join("; ", bt.errors()) + ")"
                            : String.join(" <- ", frames.subList(0, Math.min(FRAMES, frames.size())))));
        }
        findings.put("cpus", cpus);
    }

    /** The stack from the interrupted instruction on, when the CPU was interrupted in the kernel; else all of it. */
    static List<String> interrupted(Backtrace bt) {
        List<String> names = new ArrayList<>();
        Optional<Backtrace.ExceptionFrame> exception = bt.kernelException().filter(e -> e.symbol().isPresent());
        int from = 0;
        if (exception.isPresent()) {
            names.add(exception.get().location());
            from = exception.get().frameIndex();
        } else {
            while (from < bt.frames().size() && CulpritFinder.panicMachinery(bt.frames().get(from).function())) {
                from++;
            }
        }
        bt.frames().subList(Math.min(from, bt.frames().size()), bt.frames().size())
                .forEach(f -> names.add(f.function() + f.module().map(m -> " [" + m + "]").orElse("")));
        return List.copyOf(names);
    }
}
