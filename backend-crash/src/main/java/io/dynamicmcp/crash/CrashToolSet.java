package io.dynamicmcp.crash;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpLocator;
import io.dynamicmcp.crash.dump.DumpWatcher;
import io.dynamicmcp.crash.dump.TriageRecords;
import io.dynamicmcp.crash.index.SymbolIndexCache;
import io.dynamicmcp.crash.output.OutputStore;
import io.dynamicmcp.crash.signature.SignatureQueue;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.spi.Prompt;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolSet;
import java.util.List;
import java.util.Optional;

/**
 * The live crash tools, prompts and resources; a client's sessions end with its connection, and closing the set stops
 * the dump watcher, ends every session and empties the output store.
 */
final class CrashToolSet implements ToolSet {

    private final List<Tool> tools;
    private final List<Prompt> prompts;
    private final List<ResourceSource> resources;
    private final SessionRegistry sessions;
    private final OutputStore outputs;
    private final SymbolIndexCache index;
    private final DumpLocator dumps;
    private final DumpWatcher watcher;
    private final SignatureQueue signing;
    private final TriageRecords triaged;

    /** @param watcher what watches the dump folder */
    CrashToolSet(List<Tool> tools, List<Prompt> prompts, List<ResourceSource> resources, SessionRegistry sessions,
            OutputStore outputs, SymbolIndexCache index, DumpLocator dumps, DumpWatcher watcher, SignatureQueue signing,
            TriageRecords triaged) {
        this.tools = List.copyOf(tools);
        this.prompts = List.copyOf(prompts);
        this.resources = List.copyOf(resources);
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
        this.index = requireNonNull(index, "index is null");
        this.dumps = requireNonNull(dumps, "dumps is null");
        this.watcher = requireNonNull(watcher, "watcher is null");
        this.signing = requireNonNull(signing, "signing is null");
        this.triaged = requireNonNull(triaged, "triaged is null");
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
        sessions.closeCaller(callerId);
    }

    @Override
    public void close() {
        watcher.close();
        signing.close();
        triaged.flush();
        dumps.close();
        index.close();
        sessions.close();
        outputs.close();
    }
}
