package io.dynamicmcp.core.config;

import io.dynamicmcp.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Settings} looked up in layers, the first layer that has a key winning. */
public final class LayeredSettings implements Settings {

    private final List<Map<String, String>> layers;

    private LayeredSettings(List<Map<String, String>> layers) {
        this.layers = layers;
    }

    /** Layers in precedence order: the first that sets a key wins. */
    public static LayeredSettings of(List<Map<String, String>> layers) {
        return new LayeredSettings(List.copyOf(layers.stream().map(Map::copyOf).toList()));
    }

    /**
     * The standard order: command-line flags, then the environment, then each file in the given order (e.g.
     * {@code ./.env} before {@code conf/dynamic-mcp.env}). Missing files are skipped.
     */
    public static LayeredSettings load(Map<String, String> flags, Map<String, String> environment, List<java.nio.file.Path> files) {
        List<Map<String, String>> layers = new ArrayList<>();
        layers.add(flags);
        layers.add(environment);
        for (java.nio.file.Path file : files) {
            layers.add(EnvFile.read(file));
        }
        return of(layers);
    }

    /** A copy with one more layer on top, e.g. flags given after loading. */
    public LayeredSettings with(Map<String, String> top) {
        List<Map<String, String>> all = new ArrayList<>();
        all.add(top);
        all.addAll(layers);
        return of(all);
    }

    @Override
    public Optional<String> get(String key) {
        for (Map<String, String> layer : layers) {
            String value = layer.get(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }
}
