package io.dynamicmcp.core.plugin;

import io.dynamicmcp.core.host.DiscoveredProvider;
import io.dynamicmcp.spi.ToolProvider;
import io.dynamicmcp.core.logging.HostLoggerFinder;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds providers on the host's class path and in plugin folders. In a plugin folder each {@code *.jar} is
 * one plugin, and each sub-folder is one plugin made of all the jars in it. A plugin that cannot be read or
 * whose provider cannot be loaded is reported and skipped.
 */
public final class ProviderDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderDiscovery.class);

    private final List<String> problems = new ArrayList<>();
    private final List<URLClassLoader> loaders = new ArrayList<>();

    /** Providers visible to {@code hostLoader} (the built-in backends). */
    public List<DiscoveredProvider> fromClassPath(ClassLoader hostLoader) {
        return load(ServiceLoader.load(ToolProvider.class, hostLoader), "class path", null);
    }

    /** Providers in every plugin of the given folders; folders that do not exist are skipped. */
    public List<DiscoveredProvider> fromPluginFolders(List<Path> folders, ClassLoader hostLoader) {
        List<DiscoveredProvider> found = new ArrayList<>();
        SpiOnlyClassLoader parent = new SpiOnlyClassLoader(hostLoader);
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                LOG.debug("plugin folder {} does not exist", folder);
                continue;
            }
            for (Path plugin : entries(folder)) {
                found.addAll(loadPlugin(plugin, parent));
            }
        }
        return found;
    }

    /** What went wrong while loading, one line each, for logs and the info tools. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private List<DiscoveredProvider> loadPlugin(Path plugin, ClassLoader parent) {
        List<Path> jars = Files.isDirectory(plugin) ? jarsIn(plugin) : List.of(plugin);
        if (jars.isEmpty()) {
            return List.of();
        }
        List<URL> declaring = new ArrayList<>();
        List<URL> libraries = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.getManifest(); // reads the central directory: a corrupt jar fails here
                (file.getEntry(PluginClassLoader.PROVIDERS) != null ? declaring : libraries).add(jar.toUri().toURL());
            } catch (IOException e) {
                problem("plugin " + jar + " is not a readable jar (" + e.getMessage() + "); skipped");
                return List.of();
            }
        }
        String name = plugin.getFileName().toString().replaceFirst("\\.jar$", "");
        URLClassLoader loader = new PluginClassLoader("plugin:" + name, declaring, libraries, parent);
        loaders.add(loader);
        HostLoggerFinder.nameAfterProvider(loader, name);
        int problemsBefore = problems.size();
        List<DiscoveredProvider> found = load(ServiceLoader.load(ToolProvider.class, loader), plugin.toString(), loader);
        if (found.size() == 1) {
            HostLoggerFinder.nameAfterProvider(loader, found.get(0).provider().id());
        }
        if (found.isEmpty() && problems.size() == problemsBefore) {
            problem("plugin " + plugin + " declares no provider (is META-INF/services/"
                    + ToolProvider.class.getName() + " missing?); skipped");
        }
        return found;
    }

    private List<DiscoveredProvider> load(ServiceLoader<ToolProvider> services, String where, ClassLoader only) {
        List<DiscoveredProvider> found = new ArrayList<>();
        Iterator<ToolProvider> iterator = services.iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                ToolProvider provider = iterator.next();
                if (only != null && provider.getClass().getClassLoader() != only) {
                    continue;
                }
                found.add(only == null ? new DiscoveredProvider(provider, origin(provider), true)
                        : new DiscoveredProvider(provider, where));
            } catch (ServiceConfigurationError | LinkageError e) {
                problem("a provider in " + where + " cannot be loaded (" + e.getMessage() + "); skipped");
                if (e instanceof LinkageError) {
                    break;
                }
            }
        }
        return found;
    }

    private static String origin(ToolProvider provider) {
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "class path";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (Exception e) {
            return source.getLocation().toString();
        }
    }

    private static List<Path> entries(Path folder) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path entry : stream) {
                if (Files.isDirectory(entry) || entry.getFileName().toString().endsWith(".jar")) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list plugin folder {}: {}", folder, e.getMessage());
        }
        entries.sort(null);
        return entries;
    }

    private static List<Path> jarsIn(Path folder) {
        return entries(folder).stream().filter(p -> !Files.isDirectory(p)).toList();
    }

    private void problem(String message) {
        LOG.warn(message);
        problems.add(message);
    }

}
