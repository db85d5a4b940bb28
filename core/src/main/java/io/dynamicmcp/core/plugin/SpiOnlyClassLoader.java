package io.dynamicmcp.core.plugin;

/**
 * The parent of every plugin class loader: the JDK's platform classes plus the SPI package from the host,
 * so plugins share the SPI types with the host but none of its implementation or libraries.
 */
final class SpiOnlyClassLoader extends ClassLoader {

    static final String SPI_PACKAGE = "io.dynamicmcp.spi.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;

    SpiOnlyClassLoader(ClassLoader host) {
        super("dynamic-mcp-spi", ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
