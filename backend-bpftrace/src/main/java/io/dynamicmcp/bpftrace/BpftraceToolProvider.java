package io.dynamicmcp.bpftrace;

import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;
import java.lang.System.Logger.Level;

/**
 * Live kernel tracing with bpftrace: run scripts (synchronously or in the background), check them, list
 * probes, and report what the host supports. Opens even where bpftrace is missing, so that
 * {@code get_bpftrace_info} can say what to install; the run tools then fail with that advice.
 *
 * <p>Settings: {@code BPFTRACE_BINARY}, {@code BPFTRACE_ALLOW_UNSAFE}, {@code BPFTRACE_MAX_TIMEOUT},
 * {@code BPFTRACE_MAX_OUTPUT_BYTES}, {@code BPFTRACE_MAX_RUNS}, {@code BPFTRACE_STOP_GRACE}.
 */
public final class BpftraceToolProvider implements ToolProvider {

    private static final System.Logger LOG = System.getLogger(BpftraceToolProvider.class.getName());

    @Override
    public String id() {
        return "bpftrace";
    }

    @Override
    public ToolSet open(ProviderContext context) {
        BpftraceSettings settings = BpftraceSettings.from(context.settings());
        ScriptFiles files = new ScriptFiles(context.stateDirectory().resolve("scripts"));
        files.prepare();
        CommandLine commands = new CommandLine(settings);
        RunAudit audit = new RunAudit(context.auditLog(), settings.allowUnsafe());
        RunRegistry runs = new RunRegistry(settings, commands, files, context.processes(), audit, context::resourcesChanged);
        ShortCommand shortCommand = new ShortCommand(context.processes(), files.folder());
        if (HostFacts.findBinary(settings.binary()).isEmpty()) {
            LOG.log(Level.WARNING, "bpftrace (''{0}'') was not found; its tools will say how to install it", settings.binary());
        }
        if (settings.allowUnsafe()) {
            LOG.log(Level.WARNING, "{0}=true: clients may run bpftrace scripts with unsafe builtins (system(), signal(), override())", BpftraceSettings.ALLOW_UNSAFE);
        }
        boolean allowUnsafe = settings.allowUnsafe();
        List<Tool> tools = List.of(
                new ExecuteScriptTool(runs, settings.maxTimeout(), settings.stopGrace(), allowUnsafe).tool(),
                new InfoTool(settings, commands, shortCommand, runs::activeCount).tool(),
                new ValidateScriptTool(commands, files, shortCommand, audit, allowUnsafe).tool(),
                new ListProbesTool(commands, shortCommand, allowUnsafe).tool(),
                new StartBpftraceTool(runs, settings.maxTimeout(), settings.maxRuns(), allowUnsafe).tool(),
                new GetBpftraceOutputTool(runs, allowUnsafe).tool(),
                new StopBpftraceTool(runs, settings.stopGrace(), allowUnsafe).tool());
        return new BpftraceToolSet(tools, List.of(new LatencyPrompt().prompt()),
                List.of(new RunResources(runs, allowUnsafe).outputs()), runs);
    }
}
