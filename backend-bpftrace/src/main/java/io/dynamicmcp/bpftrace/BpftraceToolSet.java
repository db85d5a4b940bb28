package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.Prompt;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;

/** The live bpftrace tools; closing it stops every run. */
final class BpftraceToolSet implements ToolSet {

    private final List<Tool> tools;
    private final RunRegistry runs;

    BpftraceToolSet(List<Tool> tools, RunRegistry runs) {
        this.tools = List.copyOf(tools);
        this.runs = runs;
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    @Override
    public List<Prompt> prompts() {
        return List.of(LatencyPrompt.create());
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
