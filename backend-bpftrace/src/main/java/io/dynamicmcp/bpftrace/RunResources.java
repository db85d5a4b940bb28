package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.ToolException;
import java.util.List;

/**
 * Each kept bpftrace run's output as a resource, {@code bpftrace-run://ID/output}: what {@code get_bpftrace_output}
 * gives from offset 0, as text. Listed while the registry keeps the run; readable only by the client that started it.
 */
final class RunResources {

    private static final String PREFIX = "bpftrace-run://";
    private static final String SUFFIX = "/output";

    private final RunRegistry runs;
    private final boolean allowUnsafe;

    /** @param allowUnsafe whether the administrator allowed unsafe builtins (the hints say so) */
    RunResources(RunRegistry runs, boolean allowUnsafe) {
        this.runs = requireNonNull(runs, "runs is null");
        this.allowUnsafe = allowUnsafe;
    }

    ResourceSource outputs() {
        return ResourceSource.builder("bpftrace_run_output", PREFIX + "{id}" + SUFFIX)
                .title("bpftrace run outputs")
                .description("One resource per bpftrace run the server keeps (running, or among the latest ended): "
                        + "what it printed, its maps and histograms, and bpftrace's messages, as get_bpftrace_output "
                        + "gives them from offset 0. Only the client that started a run can read it.")
                .mimeType("text/plain")
                .lister(this::list)
                .reader(this::read)
                .truncationHint("Page the output with get_bpftrace_output (run_id, offset).")
                .build();
    }

    private List<ResourceSource.Resource> list() {
        return runs.kept().stream().map(run -> new ResourceSource.Resource(PREFIX + run.id() + SUFFIX,
                "bpftrace run " + run.id(), "Output of bpftrace run " + run.id(),
                "What bpftrace run " + run.id() + " (started with " + run.tool() + ") printed, with its maps and "
                        + "messages. Readable by the client that started it.", null, run.callerId())).toList();
    }

    private String read(String uri, String caller) {
        if (!uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX) || uri.length() <= PREFIX.length() + SUFFIX.length()) {
            throw new ToolException("'" + uri + "' is not a URI of the form " + PREFIX + "{id}" + SUFFIX
                    + "; resources/list shows the runs there are");
        }
        String id = uri.substring(PREFIX.length(), uri.length() - SUFFIX.length());
        ScriptRun run = runs.find(caller, id).orElseThrow(() -> new ToolException("no bpftrace run '" + id + "' of "
                + "yours: runs belong to the client that started them, end when it disconnects, and only the latest "
                + "ended runs are kept"));
        return RunReport.of(run.snapshot(0), allowUnsafe, false).text();
    }
}
