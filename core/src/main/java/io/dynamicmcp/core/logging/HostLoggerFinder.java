package io.dynamicmcp.core.logging;

import java.lang.System.Logger;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Routes {@link System.Logger} to the host's log (SLF4J). Plugins log through {@code System.getLogger}, the only
 * logging API the SPI promises; a logger asked for by a plugin's class is named after its provider, {@code
 * <provider id>/<logger name>}, so the host's log says which plugin spoke. Registered as the JVM's {@link
 * System.LoggerFinder} in {@code META-INF/services}.
 */
public final class HostLoggerFinder extends System.LoggerFinder {

    private static final Map<ClassLoader, String> PROVIDERS = new WeakHashMap<>();

    /** Names the loggers of classes that {@code loader} loads after the provider {@code providerId}. */
    public static void nameAfterProvider(ClassLoader loader, String providerId) {
        synchronized (PROVIDERS) {
            PROVIDERS.put(loader, providerId);
        }
    }

    @Override
    public Logger getLogger(String name, Module module) {
        ClassLoader loader = module.getClassLoader();
        String provider;
        synchronized (PROVIDERS) {
            provider = loader == null ? null : PROVIDERS.get(loader);
        }
        return new Slf4jLogger(provider == null ? name : provider + "/" + name);
    }
}
