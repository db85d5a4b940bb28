package io.dynamicmcp.core.plugin;

import io.dynamicmcp.spi.ToolProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of one plugin, over the SPI-only parent. Its class path is the jars that declare a provider
 * ({@value #PROVIDERS}), then the plugin's other jars (its libraries), so that finding the providers and loading their
 * classes opens no library: a class loader opens a jar, which reads the jar's whole directory, the first time it looks
 * in it, and a plugin's bundled Jackson (three jars, ~1,000 entries) is needed only by its first JSON call. For the
 * same reason the declarations it lists are those of the declaring jars alone, where a {@link java.util.ServiceLoader},
 * which asks for every declaration there is, would have it look in every jar.
 */
final class PluginClassLoader extends URLClassLoader {

    static final String PROVIDERS = "META-INF/services/" + ToolProvider.class.getName();

    static {
        registerAsParallelCapable();
    }

    private final int declaring;

    PluginClassLoader(String name, List<URL> declaring, List<URL> libraries, ClassLoader parent) {
        super(name, Stream.concat(declaring.stream(), libraries.stream()).toArray(URL[]::new), parent);
        this.declaring = declaring.size();
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        if (!PROVIDERS.equals(name)) {
            return super.findResources(name);
        }
        Enumeration<URL> found = super.findResources(name); // the declaring jars' come first: take those only
        List<URL> declarations = new ArrayList<>(declaring);
        while (declarations.size() < declaring && found.hasMoreElements()) {
            declarations.add(found.nextElement());
        }
        return Collections.enumeration(declarations);
    }
}
