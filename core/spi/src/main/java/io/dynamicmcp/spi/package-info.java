/**
 * The service-provider interface of Dynamic MCP: everything a backend or a third-party plugin implements
 * or receives, using JDK types only, so that a plugin compiles against this package alone.
 *
 * <p>A plugin ships a {@link io.dynamicmcp.spi.ToolProvider} registered in
 * {@code META-INF/services/io.dynamicmcp.spi.ToolProvider}. The host constructs it (which must be cheap and
 * start nothing), {@linkplain io.dynamicmcp.spi.ToolProvider#open opens} it into a live
 * {@link io.dynamicmcp.spi.ToolSet}, publishes the set's {@link io.dynamicmcp.spi.Tool tools} to MCP clients,
 * and {@linkplain io.dynamicmcp.spi.ToolSet#close closes} the set when the server stops.
 */
package io.dynamicmcp.spi;
