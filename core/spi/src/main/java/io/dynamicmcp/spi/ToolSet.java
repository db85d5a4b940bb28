package io.dynamicmcp.spi;

import java.util.List;

/**
 * The live side of a {@link ToolProvider}: its tools and any state they share (sessions, child processes).
 *
 * <p>Implementations <em>must</em> be thread-safe: the host calls tools concurrently. {@link #close()}
 * <em>must</em> release everything the set started, leave no child process behind, and be harmless when
 * called again.
 */
public interface ToolSet extends AutoCloseable {

    /** The tools this set offers; the list is fixed once the set is open. */
    List<Tool> tools();

    /**
     * The prompts this set offers; the list is fixed once the set is open. Sets without prompts need not
     * override this. The host declares the MCP prompts capability only when some set offers one, and
     * completions only when some prompt has a {@link Prompt#completer()}. Prompt names <em>must</em> be unique
     * across all sets.
     */
    default List<Prompt> prompts() {
        return List.of();
    }

    /**
     * The kinds of resource this set offers; the list of sources is fixed once the set is open, the resources each
     * lists may change (the set then calls {@link ProviderContext#resourcesChanged()}). Sets without resources need
     * not override this. The host declares the MCP resources capability (with {@code listChanged}) only when some set
     * offers a source.
     */
    default List<ResourceSource> resources() {
        return List.of();
    }

    /**
     * Called when a caller is gone: it has had no connection and made no call for the host's idle timeout, or it
     * was bound to one connection (an MCP session without other identity) that ended, or the server stops. Sets
     * that keep per-caller state <em>should</em> release what that caller owns.
     *
     * @param callerId the value {@link ToolCall#callerId()} returned for that connection
     */
    default void callerEnded(String callerId) {
    }

    /** Releases everything the set holds. Idempotent; never throws. */
    @Override
    void close();
}
