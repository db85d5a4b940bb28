package io.dynamicmcp.core.host;

import java.util.List;

/**
 * How opening one provider went.
 *
 * @param origin the plugin folder or jar it came from, or "class path"
 * @param message why it is unavailable, or null when it opened
 * @param tools the names of the tools it offers; empty when it is unavailable
 */
public record ProviderStatus(String id, String version, String origin, boolean available, String message,
        List<String> tools) {

    public ProviderStatus {
        tools = List.copyOf(tools);
    }
}
