package io.dynamicmcp.bpftrace;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.spi.Prompt;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;

/** The live bpftrace tools, the prompt, and the runs' output as resources; closing it stops every run. */
final class BpftraceToolSet implements ToolSet {

    private final List<Tool> tools;
    private final List<Prompt> prompts;
    private final List<ResourceSource> resources;
    private final RunRegistry runs;

    BpftraceToolSet(List<Tool> tools, List<Prompt> prompts, List<ResourceSource> resources, RunRegistry runs) {
        this.tools = List.copyOf(tools);
        this.prompts = List.copyOf(prompts);
        this.resources = List.copyOf(resources);
        this.runs = requireNonNull(runs, "runs is null");
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    @Override
    public List<Prompt> prompts() {
        return prompts;
    }

    @Override
    public List<ResourceSource> resources() {
        return resources;
    }

    @Override
    public void callerEnded(String callerId) {
        runs.callerEnded(callerId);
    }

    @Override
    public void close() {
        runs.close();
    }
}
