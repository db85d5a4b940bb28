package io.dynamicmcp.core.host;

import io.dynamicmcp.spi.InvalidSettingException;
import io.dynamicmcp.spi.ProviderUnavailableException;
import io.dynamicmcp.spi.ResourceSource;
import io.dynamicmcp.spi.Tool;
import io.dynamicmcp.spi.ToolSet;
import io.dynamicmcp.spi.Prompt;
import io.dynamicmcp.spi.ProviderContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open tool sets of every provider, their tools, prompts and resource sources, and the signal by which they say
 * their resources changed. Opening fails fast on invalid configuration and on duplicate provider ids, tool names or
 * resource templates; a provider that is unavailable or broken is logged and skipped.
 */
public final class ToolHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ToolHost.class);

    private final List<ToolSet> sets;
    private final List<ProviderContext> contexts;
    private final Thread reaper = new Thread(this::reapAtExit, "tool-host-reaper");
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private volatile Duration shutdownGrace = Duration.ZERO;
    private final List<Tool> tools;
    private final Map<Tool, String> pluginTools;
    private final List<ProviderStatus> statuses;
    private final ResourceChanges resourceChanges;

    private ToolHost(List<ToolSet> sets, List<ProviderContext> contexts, List<Tool> tools, Map<Tool, String> pluginTools,
            List<ProviderStatus> statuses, ResourceChanges resourceChanges) {
        this.sets = sets;
        this.contexts = new java.util.concurrent.CopyOnWriteArrayList<>(contexts);
        this.tools = tools;
        this.pluginTools = pluginTools;
        this.statuses = statuses;
        this.resourceChanges = resourceChanges;
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Opens every provider.
     *
     * @throws StartupException for invalid configuration, duplicate provider ids or duplicate tool names; the
     *     providers already opened are closed first
     */
    public static ToolHost open(List<DiscoveredProvider> providers, ContextFactory contexts) {
        Map<String, DiscoveredProvider> byId = new LinkedHashMap<>();
        for (DiscoveredProvider found : providers) {
            DiscoveredProvider previous = byId.putIfAbsent(found.provider().id(), found);
            if (previous != null) {
                throw new StartupException("two providers have the id '" + found.provider().id() + "': "
                        + previous.origin() + " and " + found.origin() + "; remove one of them");
            }
        }
        List<ToolSet> sets = new ArrayList<>();
        List<ProviderContext> opened = new ArrayList<>();
        List<ProviderStatus> statuses = new ArrayList<>();
        Map<String, String> toolOrigins = new LinkedHashMap<>();
        Map<String, String> templateOrigins = new LinkedHashMap<>();
        Map<String, String> promptOrigins = new LinkedHashMap<>();
        List<Tool> tools = new ArrayList<>();
        Map<Tool, String> pluginTools = new LinkedHashMap<>();
        ResourceChanges resourceChanges = new ResourceChanges();
        try {
            for (DiscoveredProvider found : byId.values()) {
                ProviderContext context = contexts.create(found.provider().id(), resourceChanges::signal);
                ToolSet set = openOne(found, context, statuses);
                if (set == null) {
                    closeContext(context);
                    continue;
                }
                sets.add(set);
                opened.add(context);
                for (Tool tool : set.tools()) {
                    String previous = toolOrigins.putIfAbsent(tool.name(), found.origin());
                    if (previous != null) {
                        throw new StartupException("two plugins offer the tool '" + tool.name() + "': " + previous
                                + " and " + found.origin() + "; remove or rename one of them");
                    }
                    tools.add(tool);
                    if (!found.builtIn()) {
                        pluginTools.put(tool, found.origin());
                    }
                }
                for (Prompt prompt : set.prompts()) {
                    String previous = promptOrigins.putIfAbsent(prompt.name(), found.origin());
                    if (previous != null) {
                        throw new StartupException("two plugins offer the prompt '" + prompt.name() + "': " + previous
                                + " and " + found.origin() + "; remove or rename one of them");
                    }
                }
                for (ResourceSource source : set.resources()) {
                    String previous = templateOrigins.putIfAbsent(source.uriTemplate(), found.origin());
                    if (previous != null) {
                        throw new StartupException("two plugins offer the resource template '" + source.uriTemplate()
                                + "': " + previous + " and " + found.origin() + "; remove one of them");
                    }
                }
            }
        } catch (RuntimeException e) {
            resourceChanges.close();
            sets.forEach(ToolHost::closeQuietly);
            opened.forEach(ToolHost::closeContext);
            throw e;
        }
        // logged once every provider opened: a configuration error stops start-up with its one line alone
        statuses.stream().filter(ProviderStatus::available).forEach(status -> LOG.info("provider {} {} from {}: {} tools",
                status.id(), status.version(), status.origin(), status.tools().size()));
        return new ToolHost(sets, opened, List.copyOf(tools), Collections.unmodifiableMap(pluginTools),
                List.copyOf(statuses), resourceChanges);
    }

    private static ToolSet openOne(DiscoveredProvider found, ProviderContext context, List<ProviderStatus> statuses) {
        String id = found.provider().id();
        String version = found.provider().version();
        try {
            ToolSet set = found.provider().open(context);
            statuses.add(new ProviderStatus(id, version, found.origin(), true, null,
                    set.tools().stream().map(Tool::name).toList()));
            return set;
        } catch (InvalidSettingException e) {
            throw new StartupException(e.getMessage(), e);
        } catch (StartupException e) {
            throw e;
        } catch (ProviderUnavailableException e) {
            LOG.warn("provider {} from {} is unavailable: {}", id, found.origin(), e.getMessage());
            statuses.add(new ProviderStatus(id, version, found.origin(), false, e.getMessage(), List.of()));
        } catch (RuntimeException | LinkageError e) {
            LOG.error("provider {} from {} failed to open and is skipped", id, found.origin(), e);
            statuses.add(new ProviderStatus(id, version, found.origin(), false, "failed to open: " + e, List.of()));
        }
        return null;
    }

    public List<Tool> tools() {
        return tools;
    }

    /** The tools of providers that do not ship with the server, each with the plugin it came from. */
    public Map<Tool, String> pluginTools() {
        return pluginTools;
    }

    /** The prompts of every open set, in provider order. */
    public List<Prompt> prompts() {
        return sets.stream().flatMap(set -> set.prompts().stream()).toList();
    }

    /** The resource sources of every open set, in provider order. */
    public List<ResourceSource> resourceSources() {
        return sets.stream().flatMap(set -> set.resources().stream()).toList();
    }

    /**
     * Runs {@code listener} on the host's resource-changes thread each time a provider says its resources changed
     * (signals in a burst run it once).
     */
    public void onResourcesChanged(Runnable listener) {
        resourceChanges.listen(listener);
    }

    /** How opening each provider went, in the order they were found. */
    public List<ProviderStatus> statuses() {
        return statuses;
    }

    /** The child processes each open provider's set has running now, by provider id. */
    public Map<String, List<io.dynamicmcp.spi.ChildProcess>> children() {
        Map<String, List<io.dynamicmcp.spi.ChildProcess>> children = new LinkedHashMap<>();
        for (ProviderContext context : contexts) {
            if (context instanceof ClosableContext owned) {
                children.put(owned.providerId(), owned.processes().children());
            }
        }
        return children;
    }

    /** Tells every tool set that a client connection ended. */
    public void callerEnded(String callerId) {
        for (ToolSet set : sets) {
            try {
                set.callerEnded(callerId);
            } catch (RuntimeException e) {
                LOG.warn("callerEnded failed in {}", set, e);
            }
        }
    }

    /**
     * How long, once the JVM begins to exit, the host waits for an orderly {@link #close()} (an HTTP server draining
     * its calls) before it kills every child the sets still hold. Zero by default.
     */
    public void setShutdownGrace(Duration grace) {
        shutdownGrace = grace;
    }

    /** Closes every tool set, last opened first, then kills what each left running. Idempotent. */
    @Override
    public synchronized void close() {
        resourceChanges.close();
        List<ToolSet> reversed = new ArrayList<>(sets);
        Collections.reverse(reversed);
        reversed.forEach(ToolHost::closeQuietly);
        sets.clear();
        contexts.forEach(ToolHost::closeContext);
        contexts.clear();
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook is running or about to, and finds everything closed
        }
    }

    /** The shutdown hook: however the JVM exits, no child outlives it. */
    private void reapAtExit() {
        try {
            if (closed.await(shutdownGrace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        contexts.forEach(ToolHost::closeContext);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed", closeable, e);
        }
    }

    private static void closeContext(ProviderContext context) {
        if (context instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
    }
}
