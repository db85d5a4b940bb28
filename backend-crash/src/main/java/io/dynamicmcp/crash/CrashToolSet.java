package io.dynamicmcp.crash;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.tools.CloseSessionTool;
import io.dynamicmcp.crash.tools.CrashCommandTool;
import io.dynamicmcp.crash.tools.CrashInfoTool;
import io.dynamicmcp.crash.tools.ListDumpsTool;
import io.dynamicmcp.crash.tools.StartSessionTool;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;

/** The five crash tools over one {@link CrashBackend}. */
public final class CrashToolSet implements ToolSet {

    private final CrashBackend backend;
    private final List<Tool> tools;

    public CrashToolSet(CrashBackend backend) {
        this.backend = requireNonNull(backend, "backend is null");
        this.tools = List.of(
                ListDumpsTool.create(backend),
                StartSessionTool.create(backend),
                CrashCommandTool.create(backend),
                CrashInfoTool.create(backend),
                CloseSessionTool.create(backend));
    }

    @Override
    public List<Tool> tools() {
        return tools;
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
