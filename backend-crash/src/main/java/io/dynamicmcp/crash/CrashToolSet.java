package io.dynamicmcp.crash;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.output.OutputPager;
import io.dynamicmcp.crash.output.OutputSearcher;
import io.dynamicmcp.crash.output.OutputTools;
import io.dynamicmcp.crash.tools.CloseSessionTool;
import io.dynamicmcp.crash.tools.CrashCommandTool;
import io.dynamicmcp.crash.tools.CrashInfoTool;
import io.dynamicmcp.crash.tools.CrashTriageTool;
import io.dynamicmcp.crash.tools.ListDumpsTool;
import io.dynamicmcp.crash.tools.StartSessionTool;
import io.dynamicmcp.crash.prompts.CrashPrompts;
import io.dynamicmcp.crash.resources.DumpResources;
import io.dynamicmcp.crash.resources.TranscriptResources;
import io.dynamicmcp.spi.Prompt;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;

/**
 * The six crash tools, the two that page and search large outputs, the prompts, and the resources (dumps, their
 * kernel logs, session transcripts), over one {@link CrashBackend}.
 */
public final class CrashToolSet implements ToolSet {

    private final CrashBackend backend;
    private final List<Tool> tools;
    private final List<Prompt> prompts;
    private final List<ResourceSource> resources;

    public CrashToolSet(CrashBackend backend) {
        this.backend = requireNonNull(backend, "backend is null");
        List<Tool> all = new java.util.ArrayList<>(List.of(
                ListDumpsTool.create(backend),
                StartSessionTool.create(backend),
                CrashCommandTool.create(backend),
                CrashTriageTool.create(backend),
                CrashInfoTool.create(backend),
                CloseSessionTool.create(backend)));
        all.addAll(new OutputTools(new OutputPager(backend.outputs()), new OutputSearcher(backend.outputs())).tools());
        this.tools = List.copyOf(all);
        this.prompts = new CrashPrompts(backend).prompts();
        DumpResources dumps = new DumpResources(backend);
        this.resources = List.of(dumps.metadata(), dumps.dmesg(), new TranscriptResources(backend).transcripts());
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
        backend.sessions().closeCaller(callerId);
    }

    @Override
    public void close() {
        backend.close();
    }
}
