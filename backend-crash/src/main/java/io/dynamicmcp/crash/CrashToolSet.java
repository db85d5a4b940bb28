package io.dynamicmcp.crash;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.dump.DumpWatcher;
import io.dynamicmcp.crash.output.OutputStore;
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
    private final Optional<DumpWatcher> watcher;

    /** @param watcher what watches the dump folder; empty when it cannot be watched */
    CrashToolSet(List<Tool> tools, List<Prompt> prompts, List<ResourceSource> resources, SessionRegistry sessions,
            OutputStore outputs, Optional<DumpWatcher> watcher) {
        this.tools = List.copyOf(tools);
        this.prompts = List.copyOf(prompts);
        this.resources = List.copyOf(resources);
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.outputs = requireNonNull(outputs, "outputs is null");
        this.watcher = requireNonNull(watcher, "watcher is null");
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
        watcher.ifPresent(DumpWatcher::close);
        sessions.close();
        outputs.close();
    }
}
