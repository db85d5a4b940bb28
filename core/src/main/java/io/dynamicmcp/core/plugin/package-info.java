/**
 * Finds {@link io.dynamicmcp.spi.ToolProvider}s on the class path and in plugin folders; each plugin jar (or
 * folder of jars) gets its own class loader that sees the SPI package and the JDK, nothing else of the host.
 */
package io.dynamicmcp.core.plugin;
