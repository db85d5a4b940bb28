package io.dynamicmcp.crash;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DmesgFiles;
import io.dynamicmcp.crash.dump.DumpInspector;
import io.dynamicmcp.crash.dump.DumpListing;
import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.crash.dump.DumpNames;
import io.dynamicmcp.crash.dump.DumpTree;
import io.dynamicmcp.crash.dump.FlattenedDumps;
import io.dynamicmcp.crash.dump.DumpWatcher;
import io.dynamicmcp.crash.dump.KernelMatcher;
import io.dynamicmcp.crash.dump.ReleaseReader;
import io.dynamicmcp.crash.dump.TriageRecords;
import io.dynamicmcp.crash.output.OutputPager;
import io.dynamicmcp.crash.output.OutputSearcher;
import io.dynamicmcp.crash.index.IndexSettings;
import io.dynamicmcp.crash.index.SymbolIndexCache;
import io.dynamicmcp.crash.output.OutputStore;
import io.dynamicmcp.crash.policy.CommandPolicy;
import io.dynamicmcp.crash.prompts.CrashPrompts;
import io.dynamicmcp.crash.resources.DumpResources;
import io.dynamicmcp.crash.resources.TranscriptResources;
import io.dynamicmcp.crash.session.CrashBinary;
import io.dynamicmcp.crash.session.CrashExecutable;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.crash.session.SessionSlots;
import io.dynamicmcp.crash.session.SessionStarter;
import io.dynamicmcp.crash.session.SessionTargets;
import io.dynamicmcp.crash.triage.BackgroundTriage;
import io.dynamicmcp.crash.tools.CloseSessionTool;
import io.dynamicmcp.crash.tools.CrashCommandTool;
import io.dynamicmcp.crash.tools.CrashInfoTool;
import io.dynamicmcp.crash.tools.CrashTriageTool;
import io.dynamicmcp.crash.signature.KnownSignature;
import io.dynamicmcp.crash.signature.SignatureQueue;
import io.dynamicmcp.crash.signature.SignatureStore;
import io.dynamicmcp.crash.signature.TriagedSignatures;
import io.dynamicmcp.crash.tools.DumpChooser;
import io.dynamicmcp.crash.tools.GetCommandOutputTool;
import io.dynamicmcp.crash.tools.GroupDumpsTool;
import io.dynamicmcp.crash.tools.ListDumpsTool;
import io.dynamicmcp.crash.tools.SearchCommandOutputTool;
import io.dynamicmcp.crash.tools.SessionOpener;
import io.dynamicmcp.crash.tools.StartSessionTool;
import io.dynamicmcp.spi.AuditLog;
import io.dynamicmcp.spi.ProviderContext;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.spi.ToolSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.lang.System.Logger.Level;

/**
 * Crash dump analysis with the {@code crash} utility. Opens even where crash is missing, so that
 * {@code get_crash_info} can say what to install. {@link #open} wires the tools, prompts and resources, each built
 * with what it needs.
 */
public final class CrashToolProvider implements ToolProvider {

    private static final System.Logger LOG = System.getLogger(CrashToolProvider.class.getName());

    private final Optional<CrashExecutable> standIn;

    public CrashToolProvider() {
        this.standIn = Optional.empty();
    }

    /** A provider whose sessions start {@code standIn} in place of crash and which looks for no crash binary (tests). */
    CrashToolProvider(CrashExecutable standIn) {
        this.standIn = Optional.of(requireNonNull(standIn, "standIn is null"));
    }

    @Override
    public String id() {
        return "crash";
    }

    @Override
    public ToolSet open(ProviderContext context) {
        CrashSettings settings = CrashSettings.from(context.settings());
        CommandPolicy policy = CommandPolicy.fromSettings(context.settings());
        Optional<CrashBinary> crash = standIn.isPresent() ? Optional.empty() : locate(settings, context);
        OutputStore outputs = openOutputs(context);
        AuditLog audit = context.auditLog();

        KernelMatcher kernels = new KernelMatcher(settings.debugSymbolRoots(), settings.kernelPath(),
                settings.dumpCache());
        DumpNames names = new DumpNames(settings.dumpPath());
        DumpLocator dumps = new DumpLocator(new DumpTree(names, settings.dumpCache()), new DumpInspector(),
                new ReleaseReader(crash), kernels, settings.dumpSettle(), settings.dumpCache());
        TriageRecords triaged = new TriageRecords(context.stateDirectory().resolve("triage"));
        SignatureStore signatures = new TriagedSignatures(triaged);
        DumpListing listing = new DumpListing(dumps, identity -> signatures.find(identity).map(KnownSignature::id));
        DumpWatcher watcher = DumpWatcher.start(names.root(), () -> {
            dumps.treeChanged();
            context.resourcesChanged();
        }, settings.dumpPollInterval(), settings.dumpSettle());
        SessionSlots slots = new SessionSlots(settings.sessions(), settings.sessionQueue());
        LOG.log(Level.DEBUG, "crash sessions at once: {0} ({1})", slots.capacity(), settings.sessions().basis());
        SessionRegistry sessions = new SessionRegistry(slots, settings.idleTimeout(), outputs::removeSession,
                context::resourcesChanged);
        SymbolIndexCache index = new SymbolIndexCache(IndexSettings.from(context.settings()), context.processes());
        Optional<SessionStarter> starter = standIn.or(() -> crash.map(binary -> CrashExecutable.symlinkTo(binary.path())))
                .map(executable -> new SessionStarter(context.processes(), executable,
                        context.stateDirectory().resolve("sessions"), settings.interruptGrace(), settings.hangLimit(),
                        policy.extensions(), Optional.of(new SessionStarter.ModuleSearch(settings.debugSymbolRoots(),
                                Path.of("/"), index::find))));
        DumpChooser chooser = new DumpChooser(dumps, settings.dumpPath());
        FlattenedDumps flats = new FlattenedDumps(crash, context.processes(), context.stateDirectory().resolve("flat"),
                settings.flatDumps(), settings.flatCacheBytes());
        SessionTargets targets = new SessionTargets(crash, kernels, index, flats);
        SessionOpener opener = new SessionOpener(starter, targets, sessions, settings.sessionWait());
        SignatureQueue signing = new SignatureQueue(signatures, new BackgroundTriage(starter, targets, policy, audit,
                settings.sessionTimeout(), Duration.ofSeconds(Math.min(60, settings.commandTimeout().toSeconds()))),
                slots, dumps, settings.signatureWorkers());

        List<Tool> tools = List.of(
                new ListDumpsTool(listing, settings.dumpPath(), triaged).tool(),
                new GroupDumpsTool(dumps, signatures, signing, settings.dumpPath()).tool(),
                new StartSessionTool(chooser, opener, settings.sessionTimeout()).tool(),
                new CrashCommandTool(sessions, policy, outputs, audit, settings.commandTimeout()).tool(),
                new CrashTriageTool(chooser, opener, sessions, policy, audit, settings.commandTimeout(),
                        settings.sessionTimeout(), triaged).tool(),
                new CrashInfoTool(sessions, dumps, crash, settings.dumpPath(), settings.debugSymbolRoots(),
                        watcher::status).tool(),
                new CloseSessionTool(sessions).tool(),
                new GetCommandOutputTool(new OutputPager(outputs)).tool(),
                new SearchCommandOutputTool(new OutputSearcher(outputs)).tool());
        DumpResources dumpResources = new DumpResources(dumps, new DmesgFiles(names), triaged);
        List<ResourceSource> resources = List.of(dumpResources.metadata(), dumpResources.dmesg(),
                new TranscriptResources(sessions).transcripts());
        return new CrashToolSet(tools, new CrashPrompts(dumps, triaged, crash).prompts(), resources, sessions, outputs,
                index, dumps, watcher, signing, triaged);
    }

    private static Optional<CrashBinary> locate(CrashSettings settings, ProviderContext context) {
        Optional<CrashBinary> crash = CrashBinary.locate(settings.crashBinary(), context.stateDirectory().resolve("home"),
                context.processes());
        if (crash.isEmpty()) {
            LOG.log(Level.WARNING, "crash was not found; {0}", CrashBinary.INSTALL_HINT);
        }
        return crash;
    }

    private static OutputStore openOutputs(ProviderContext context) {
        try {
            return OutputStore.fromSettings(context.settings(), context.stateDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store of command outputs", e);
        }
    }
}
