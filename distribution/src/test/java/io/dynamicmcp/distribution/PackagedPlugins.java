package io.dynamicmcp.distribution;

import io.dynamicmcp.core.host.DiscoveredProvider;
import io.dynamicmcp.core.plugin.ProviderDiscovery;
import io.dynamicmcp.spi.ToolProvider;
import java.util.List;

/** The built-in backends as the built distribution ships them: each loaded from plugins/ID by its own class loader. */
final class PackagedPlugins {

    private PackagedPlugins() {
    }

    /** A fresh instance of the provider in plugins/{@code id}, loaded exactly as the server loads it. */
    static ToolProvider provider(String id) {
        ProviderDiscovery discovery = new ProviderDiscovery();
        List<DiscoveredProvider> found = discovery.fromPluginFolders(
                List.of(Launcher.distribution().resolve("plugins")), PackagedPlugins.class.getClassLoader());
        ToolProvider provider = found.stream().map(DiscoveredProvider::provider).filter(p -> p.id().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no provider '" + id + "' in the distribution's "
                        + "plugins/: " + found + "; problems: " + discovery.problems()));
        if (provider.getClass().getClassLoader() == PackagedPlugins.class.getClassLoader()) {
            throw new AssertionError(id + " was loaded from the test class path, not from its plugin folder");
        }
        return provider;
    }
}
