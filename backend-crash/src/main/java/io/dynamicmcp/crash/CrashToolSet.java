package io.dynamicmcp.crash;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.output.OutputTools;
import io.dynamicmcp.crash.tools.CloseSessionTool;
import io.dynamicmcp.crash.tools.CrashCommandTool;
import io.dynamicmcp.crash.tools.CrashInfoTool;
import io.dynamicmcp.crash.tools.CrashTriageTool;
import io.dynamicmcp.crash.tools.ListDumpsTool;
import io.dynamicmcp.crash.tools.StartSessionTool;
import io.dynamicmcp.crash.prompts.CrashPrompts;
import io.dynamicmcp.spi.Prompt;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;

/** The six crash tools, and the two that page and search large outputs, over one {@link CrashBackend}. */
public final class CrashToolSet implements ToolSet {

    private final CrashBackend backend;
    private final List<Tool> tools;
    private final List<Prompt> prompts;

    public CrashToolSet(CrashBackend backend) {
        this.backend = requireNonNull(backend, "backend is null");
        List<Tool> all = new java.util.ArrayList<>(List.of(
                ListDumpsTool.create(backend),
                StartSessionTool.create(backend),
                CrashCommandTool.create(backend),
                CrashTriageTool.create(backend),
                CrashInfoTool.create(backend),
                CloseSessionTool.create(backend)));
        all.addAll(new OutputTools(backend.outputs()).tools());
        this.tools = List.copyOf(all);
        this.prompts = new CrashPrompts(backend).prompts();
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
    public void callerEnded(String callerId) {
        backend.sessions().closeCaller(callerId);
    }

    @Override
    public void close() {
        backend.close();
    }
}
