package io.dynamicmcp.crash.triage.failures;

import io.dynamicmcp.crash.triage.Backtrace;
import io.dynamicmcp.crash.triage.FailureClass;
import io.dynamicmcp.crash.triage.FailureKind;
import io.dynamicmcp.crash.triage.Findings;
import io.dynamicmcp.crash.triage.Incident;
import io.dynamicmcp.crash.triage.KernelLog;
import io.dynamicmcp.crash.triage.MemorySummary;
import io.dynamicmcp.crash.triage.StepOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code insmod invoked oom-killer: gfp_mask=...}, fatal with {@code panic_on_oom}: the memory summary, the largest
 * tasks by RSS ({@code ps -G}, else the OOM report's task list) and the largest unreclaimable slab caches the report
 * names.
 */
final class OutOfMemory implements FailureKind {

    static final String COMMAND = "ps -G";
    private static final Pattern REPORT = Pattern.compile("^\\s*(\\S.*) invoked oom-killer: (gfp_mask=\\S+), (order=-?\\d+)");
    private static final Set<String> FRAMES = Set.of("out_of_memory", "pagefault_out_of_memory", "mem_cgroup_out_of_memory");
    private static final Set<String> MACHINERY = Set.of("dump_stack", "dump_stack_lvl", "dump_header", "out_of_memory",
            "oom_kill_process", "__alloc_pages", "__alloc_pages_slowpath", "alloc_pages", "__alloc_pages_nodemask",
            "alloc_pages_vma", "allocate_slab", "new_slab", "___slab_alloc", "__slab_alloc", "kmem_cache_alloc",
            "kmem_cache_alloc_lru", "kmem_cache_alloc_node", "__kmem_cache_alloc_node", "kmalloc_trace", "__kmalloc",
            "__kmalloc_node", "kmalloc_large", "kmalloc_order", "alloc_slab_page", "__get_free_pages", "get_zeroed_page",
            "folio_alloc", "__folio_alloc", "vma_alloc_folio", "pagefault_out_of_memory", "mem_cgroup_out_of_memory",
            "try_charge_memcg", "__alloc_pages_may_oom", "alloc_pages_mpol", "__vmalloc_node_range", "__vmalloc_node",
            "vmalloc", "vzalloc", "kvmalloc_node");
    private static final Pattern PS_ROW = Pattern.compile(
            "^>?\\s*(\\d+)\\s+(-?\\d+)\\s+(\\d+)\\s+([0-9a-f]+)\\s+([A-Z]{2})\\s+([\\d.]+)\\s+(\\d+)\\s+(\\d+)\\s+(.+)$");
    private static final Pattern TASK_ROW = Pattern.compile(
            "^\\[\\s*(\\d+)\\]\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(-?\\d+)\\s+(.+)$");
    private static final Pattern SLAB_ROW = Pattern.compile("^(\\S+)\\s+(\\d+)KB\\s+(\\d+)KB\\s*$");
    private static final int TOP = 5;

    @Override
    public FailureClass failureClass() {
        return FailureClass.OUT_OF_MEMORY;
    }

    @Override
    public boolean startsReport(String line) {
        return REPORT.matcher(line).find();
    }

    @Override
    public boolean panicsWith(String message) {
        return message.startsWith("Out of memory") || message.startsWith("System is deadlocked on memory");
    }

    @Override
    public boolean shownBy(Backtrace bt) {
        return Functions.any(bt, FRAMES);
    }

    @Override
    public boolean machinery(String function) {
        return MACHINERY.contains(Functions.base(function));
    }

    @Override
    public List<String> followUps(Incident incident) {
        return List.of(COMMAND);
    }

    @Override
    public void read(Incident incident, Map<String, StepOutput> outputs, Findings findings) {
        incident.reportLine().map(REPORT::matcher).filter(Matcher::find).ifPresent(m -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("task", m.group(1));
            request.put("gfp_mask", m.group(2).substring("gfp_mask=".length()));
            request.put("order", Integer.parseInt(m.group(3).substring("order=".length())));
            findings.put("allocation", request);
            findings.digest("Allocation that failed: " + m.group(2) + ", " + m.group(3) + " by \"" + m.group(1) + "\"");
        });
        long pageBytes = pageBytes(outputs);
        List<Map<String, Object>> fromCrash = fromPs(outputs);
        List<Map<String, Object>> fromLog = fromLog(incident.log(), incident.reportStart(), incident.reportEnd(), pageBytes);
        List<Map<String, Object>> largest = !fromLog.isEmpty() && (!incident.seesSleepingTasks() || fromCrash.isEmpty())
                ? fromLog : fromCrash;
        if (largest == fromLog && !fromLog.isEmpty() && !incident.seesSleepingTasks()) {
            findings.problem("crash " + incident.crashVersion() + " lists only the running tasks on this kernel; the "
                    + "largest tasks come from the OOM report's task list in the kernel log");
        }
        findings.put("largest_tasks", largest.subList(0, Math.min(TOP, largest.size())));
        if (!largest.isEmpty()) {
            findings.digest("Largest tasks by RSS: " + String.join(", ", largest.subList(0, Math.min(TOP, largest.size()))
                    .stream().map(t -> t.get("command") + " (" + t.get("pid") + ") " + t.get("rss_kib") + " KiB").toList()));
        }
        List<Map<String, Object>> slabs = slabs(incident.log(), incident.reportStart(), incident.reportEnd());
        findings.put("slab_caches", slabs.subList(0, Math.min(TOP, slabs.size())));
        if (!slabs.isEmpty()) {
            findings.digest("Largest unreclaimable slab caches: " + String.join(", ", slabs.subList(0, Math.min(3, slabs.size()))
                    .stream().map(s -> s.get("name") + " " + s.get("used_kib") + " KiB").toList()));
        }
    }

    private static long pageBytes(Map<String, StepOutput> outputs) {
        StepOutput kmem = outputs.get("kmem -i");
        if (kmem != null) {
            Object total = MemorySummary.parse(kmem.lines()).get("total_mem");
            if (total instanceof Map<?, ?> row && row.get("pages") instanceof Long pages && pages > 0
                    && row.get("bytes") instanceof Long bytes) {
                long size = Long.highestOneBit(Math.max(1, Math.round((double) bytes / pages)) * 3 / 2);
                return Math.max(4096, size);
            }
        }
        return 4096;
    }

    private static List<Map<String, Object>> fromPs(Map<String, StepOutput> outputs) {
        StepOutput ps = outputs.get(COMMAND);
        List<Map<String, Object>> tasks = new ArrayList<>();
        if (ps == null) {
            return tasks;
        }
        for (String line : ps.lines()) {
            Matcher m = PS_ROW.matcher(line);
            if (m.matches() && Long.parseLong(m.group(8)) > 0) {
                tasks.add(task(Long.parseLong(m.group(1)), m.group(9).strip(), Long.parseLong(m.group(8)), "crash"));
            }
        }
        tasks.sort(Comparator.comparing((Map<String, Object> t) -> (Long) t.get("rss_kib")).reversed());
        return tasks;
    }

    /** The OOM report's {@code Tasks state (memory values in pages):} table. */
    static List<Map<String, Object>> fromLog(KernelLog log, int from, int to, long pageBytes) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = Math.max(0, from); i < Math.min(to, log.size()); i++) {
            Matcher m = TASK_ROW.matcher(log.line(i).strip());
            if (m.matches()) {
                tasks.add(task(Long.parseLong(m.group(1)), m.group(9).strip(),
                        Long.parseLong(m.group(5)) * pageBytes / 1024, "log"));
            }
        }
        tasks.sort(Comparator.comparing((Map<String, Object> t) -> (Long) t.get("rss_kib")).reversed());
        return tasks;
    }

    /** The report's {@code Unreclaimable slab info:} rows, largest first. */
    static List<Map<String, Object>> slabs(KernelLog log, int from, int to) {
        List<Map<String, Object>> slabs = new ArrayList<>();
        boolean inTable = false;
        for (int i = Math.max(0, from); i < Math.min(to, log.size()); i++) {
            String line = log.line(i).strip();
            if (line.startsWith("Unreclaimable slab info:")) {
                inTable = true;
                continue;
            }
            Matcher m = SLAB_ROW.matcher(line);
            if (inTable && m.matches()) {
                Map<String, Object> slab = new LinkedHashMap<>();
                slab.put("name", m.group(1));
                slab.put("used_kib", Long.parseLong(m.group(2)));
                slab.put("total_kib", Long.parseLong(m.group(3)));
                slabs.add(slab);
            } else if (inTable && !line.startsWith("Name")) {
                inTable = false;
            }
        }
        slabs.sort(Comparator.comparing((Map<String, Object> s) -> (Long) s.get("used_kib")).reversed());
        return slabs;
    }

    private static Map<String, Object> task(long pid, String command, long rssKib, String source) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("pid", pid);
        task.put("command", command);
        task.put("rss_kib", rssKib);
        task.put("source", source);
        return task;
    }

    @Override
    public List<String> nextSteps() {
        return List.of("compare the memory summary with the largest tasks and slab caches: which one holds the memory",
                "a large unreclaimable slab cache points at a leak: 'kmem -s <cache>' and the code that allocates from it",
                "crash_command 'kmem -V' and 'kmem -z' for the zones' state; 'log | grep -i oom' for earlier OOM kills");
    }
}
